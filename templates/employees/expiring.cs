<?cs # With Cards Expiring Soon: employees whose cards expire soon or have expired.
     Reads: List.next (absent on the last page), List.days (the window, optional), Employees.N.id/name/ni_masked/
     office/card_number/card_type/expires/days_left/renewal (days_left is negative
     once expired; renewal "Yes" while a renewal application is in progress),
     List.cursor_expired (when the after cursor no longer opens: the first page is shown),
     Page.base. Tests: id="expiring-table", id="next-page", id="cursor-expired". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>With Cards Expiring Soon</h1>
  <p class="lead">ECS card holders registered with your company whose cards have expired or expire<?cs if:List.days ?> within the next <?cs var:List.days ?> days<?cs else ?> soon<?cs /if ?>.</p>
</div>
<?cs if:List.cursor_expired ?>
<div class="notice notice-warning" role="status" id="cursor-expired"><?cs var:List.cursor_expired ?></div>
<?cs /if ?>
<div class="table-wrap">
  <table class="table" id="expiring-table">
    <caption class="visually-hidden">Employees with cards expiring soon, soonest first</caption>
    <thead>
      <tr>
        <th scope="col">Employee Name</th>
        <th scope="col">NI Number</th>
        <th scope="col">Office</th>
        <th scope="col">Card No.</th>
        <th scope="col">Card Type</th>
        <th scope="col">Expires</th>
        <th scope="col">Days left</th>
        <th scope="col">Renewal in progress</th>
      </tr>
    </thead>
    <tbody>
<?cs each:e = Employees ?>
      <tr>
        <td><a href="<?cs var:Page.base ?>/employees/<?cs var:e.id ?>"><?cs var:e.name ?></a></td>
        <td class="nowrap"><?cs var:e.ni_masked ?></td>
        <td><?cs var:e.office ?></td>
        <td class="nowrap"><?cs var:e.card_number ?></td>
        <td><?cs var:e.card_type ?></td>
        <td class="nowrap"><?cs var:e.expires ?></td>
        <td class="nowrap"><?cs if:e.days_left < 0 ?><span class="tag tag-red">Expired <?cs var:#0 - e.days_left ?> day<?cs if:e.days_left != -1 ?>s<?cs /if ?> ago</span><?cs elif:e.days_left == 0 ?><span class="tag tag-amber">Expires today</span><?cs else ?><span class="tag tag-amber"><?cs var:e.days_left ?> day<?cs if:e.days_left != 1 ?>s<?cs /if ?> left</span><?cs /if ?></td>
        <td><?cs if:e.renewal == "Yes" ?><span class="tag tag-green">Yes</span><?cs else ?>No<?cs /if ?></td>
      </tr>
<?cs /each ?>
<?cs if:!?Employees.0.id ?>
      <tr><td colspan="8" class="empty">No employee has a card expiring soon.</td></tr>
<?cs /if ?>
    </tbody>
  </table>
</div>
<div class="actions actions-split">
  <a class="btn btn-secondary" href="<?cs var:Page.base ?>/employees/current?sort=expiry">All current employees by expiry date</a>
<?cs if:List.next ?>
  <a class="btn btn-plain" id="next-page" rel="next" href="<?cs var:Page.base ?>/employees/expiring?after=<?cs var:url_escape(List.next) ?>">Next page <span aria-hidden="true">&rsaquo;</span></a>
<?cs /if ?>
</div>
<?cs include:"layout/footer.cs" ?>
