<?cs # Create a New Empty Order: an open order with its details, to which
     applications can be added later. Reads: Levels, Offices, Form.*, Form.token,
     Session.csrf. Tests: id="empty-order-form". ?><?cs include:"layout/header.cs" ?><?cs include:"orders/macros.cs" ?>
<div class="page-header">
  <h1>Create a New Empty Order</h1>
  <p class="lead">This option allows you to create an order before applying for an ECS card and the order can be used against a future card application.</p>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>
<form class="form panel" id="empty-order-form" method="post" action="<?cs var:Page.base ?>/orders/new" novalidate>
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
  <input type="hidden" name="token" value="<?cs var:Form.token ?>">
  <div class="form-grid">
<?cs call:otext("reference", "Your Reference / P.O. Number") ?>
<?cs call:olevel() ?>
<?cs call:ooffice("billing_office", "Billing To Office") ?>
<?cs call:ooffice("delivery_office", "Deliver to Office") ?>
<?cs call:otext("accounts_contact", "Accounts contact") ?>
<?cs call:otext("delivery_attention", "Delivery to the attention of") ?>
  </div>
  <p class="hint" id="delivery-hint">Deliver to Office is where the order and its paperwork go, for the attention given. Each card itself is sent to the address chosen in its application (step 1).</p>
  <div class="actions">
    <button class="btn btn-secondary" type="submit" id="create-empty">CREATE ORDER</button>
    <a class="btn btn-plain" href="<?cs var:Page.base ?>/orders/attention">X CANCEL</a>
  </div>
</form>
<?cs include:"layout/footer.cs" ?>
