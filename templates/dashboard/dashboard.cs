<?cs # The dashboard: one card per count, each a link to its section.
     Reads: User.name, User.level, Company.name, Dashboard.employees,
     Dashboard.expiring, Dashboard.apps_attention, Dashboard.apps_produced,
     Dashboard.apps_completed, Dashboard.orders_attention, Dashboard.funds
     (already formatted, e.g. "£250.00"), Can.add_employees and Can.create_purchases (the
     quick links). Tests read the counts by their ids
     (count-employees, count-expiring, count-apps-attention, count-apps-produced,
     count-apps-completed, count-orders-attention, count-funds). A count is
     absent when the user lacks the permission to see its section. ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Welcome, <?cs var:User.name ?></h1>
  <p class="lead"><?cs var:Company.name ?><?cs if:User.level ?> <span class="tag"><?cs var:User.level ?></span><?cs /if ?></p>
</div>

<h2 class="visually-hidden">Your portal at a glance</h2>
<ul class="cards">
  <?cs if:?Dashboard.employees ?><li>
    <a class="card" href="<?cs var:Page.base ?>/employees/current">
      <span class="card-kicker">Employees</span>
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0"/><circle cx="17" cy="9" r="2.5"/><path d="M16.5 13.6a5.5 5.5 0 0 1 5 5.9"/></svg>
      <span class="card-count" id="count-employees"><?cs var:Dashboard.employees ?></span>
      <span class="card-label">Current Employees</span>
    </a>
  </li><?cs /if ?>
  <?cs if:?Dashboard.expiring ?><li>
    <a class="card<?cs if:Dashboard.expiring > 0 ?> card-attention<?cs /if ?>" href="<?cs var:Page.base ?>/employees/expiring">
      <span class="card-kicker">Employees</span>
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="9"/><path d="M12 7v5l3.5 2"/></svg>
      <span class="card-count" id="count-expiring"><?cs var:Dashboard.expiring ?></span>
      <span class="card-label">With Cards Expiring Soon</span>
    </a>
  </li><?cs /if ?>
  <?cs if:?Dashboard.apps_attention ?><li>
    <a class="card<?cs if:Dashboard.apps_attention > 0 ?> card-attention<?cs /if ?>" href="<?cs var:Page.base ?>/applications/attention">
      <span class="card-kicker">Applications</span>
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 3h8l4 4v14H6z"/><path d="M14 3v4h4"/><path d="M12 10v4.5"/><path d="M12 17.5v.01"/></svg>
      <span class="card-count" id="count-apps-attention"><?cs var:Dashboard.apps_attention ?></span>
      <span class="card-label">Applications Requiring Attention</span>
    </a>
  </li><?cs /if ?>
  <?cs if:?Dashboard.apps_produced ?><li>
    <a class="card" href="<?cs var:Page.base ?>/applications/produced">
      <span class="card-kicker">Applications</span>
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 10h18"/><path d="M7 15h4"/></svg>
      <span class="card-count" id="count-apps-produced"><?cs var:Dashboard.apps_produced ?></span>
      <span class="card-label">Applications Being Produced</span>
    </a>
  </li><?cs /if ?>
  <?cs if:?Dashboard.apps_completed ?><li>
    <a class="card" href="<?cs var:Page.base ?>/applications/completed">
      <span class="card-kicker">Applications</span>
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="9"/><path d="M8 12.5l2.5 2.5L16 9.5"/></svg>
      <span class="card-count" id="count-apps-completed"><?cs var:Dashboard.apps_completed ?></span>
      <span class="card-label">Completed Applications</span>
    </a>
  </li><?cs /if ?>
  <?cs if:?Dashboard.orders_attention ?><li>
    <a class="card<?cs if:Dashboard.orders_attention > 0 ?> card-attention<?cs /if ?>" href="<?cs var:Page.base ?>/orders/attention">
      <span class="card-kicker">Orders</span>
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><circle cx="9" cy="20" r="1.5"/><circle cx="18" cy="20" r="1.5"/><path d="M2 3h3l2.5 12h11L21 7H6"/></svg>
      <span class="card-count" id="count-orders-attention"><?cs var:Dashboard.orders_attention ?></span>
      <span class="card-label">Orders Requiring Attention</span>
    </a>
  </li><?cs /if ?>
  <?cs if:?Dashboard.funds ?><li>
    <a class="card card-funds" href="<?cs var:Page.base ?>/dashboard/funds">
      <span class="card-kicker">Orders</span>
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M17 8V5H5a2 2 0 0 0 0 4"/><rect x="3" y="8" width="18" height="12" rx="2"/><path d="M16 14h2"/></svg>
      <span class="card-count" id="count-funds"><?cs var:Dashboard.funds ?></span>
      <span class="card-label">Funds balance</span>
    </a>
  </li><?cs /if ?>
</ul>

<?cs if:Can.add_employees || Can.create_purchases ?>
<section class="quick-links" aria-labelledby="quick-links-title">
  <h2 id="quick-links-title">Quick links</h2>
  <p class="actions">
<?cs if:Can.add_employees ?>    <a class="btn btn-secondary" href="<?cs var:Page.base ?>/employees/add"><span aria-hidden="true">+ </span>Add New Employee</a><?cs /if ?>
<?cs if:Can.create_purchases ?>    <a class="btn btn-secondary" href="<?cs var:Page.base ?>/orders/advance"><span aria-hidden="true">+ </span>Create New Advance Order</a><?cs /if ?>
  </p>
</section>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
