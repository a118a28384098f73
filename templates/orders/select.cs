<?cs # "Select Order to add selected Applications to?" (guide 1.5), after ADD N
     APPLICATIONS TO A PURCHASE. Reads: Apps.N.id/reference/name/type, AppsCount,
     Select.gone, Pending.N.id/reference/date (open orders, when Can.add), Can.add,
     Can.create, Can.pay, Show.create (the new order form), Levels, Offices, Form.*,
     Form.token, Session.csrf. Each form repeats the ticked ids.
     Tests: id="pending-orders", id="create-order-form", buttons name="then". ?><?cs include:"layout/header.cs" ?><?cs include:"orders/macros.cs" ?>
<?cs def:ticked() ?><?cs each:a = Apps ?><input type="hidden" name="id" value="<?cs var:a.id ?>"><?cs /each ?><?cs /def ?>
<div class="page-header">
  <h1>Select Order to add selected Applications to?</h1>
  <p class="lead"><?cs var:AppsCount ?> finalised application<?cs if:AppsCount != 1 ?>s<?cs /if ?>:
<?cs each:a = Apps ?><span class="reference"><?cs var:a.reference ?></span> <?cs var:a.name ?> (<?cs var:a.type ?>)<?cs if:!last(a) ?>; <?cs /if ?><?cs /each ?></p>
</div>
<?cs if:Select.gone ?><div class="notice notice-warning" role="status"><?cs var:Select.gone ?> of the ticked applications can no longer be ordered and are left out.</div><?cs /if ?>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>

<?cs if:Can.add ?>
<section class="panel" id="pending-orders" aria-labelledby="pending-title">
  <h2 id="pending-title">Pending orders</h2>
<?cs if:?Pending.0.id ?>
  <ul class="summary-list">
<?cs each:o = Pending ?>
    <li>
      <form method="post" action="<?cs var:Page.base ?>/orders/<?cs var:o.id ?>/add">
        <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>"><?cs call:ticked() ?>
        <strong><?cs if:o.reference ?><?cs var:o.reference ?><?cs else ?>Order <?cs var:o.id ?><?cs /if ?></strong>, opened <?cs var:o.date ?>, <?cs var:o.line_count ?> line<?cs if:o.line_count != 1 ?>s<?cs /if ?>
        <button class="btn btn-secondary btn-small" type="submit">ADD TO THIS ORDER</button>
      </form>
    </li>
<?cs /each ?>
  </ul>
<?cs else ?>
  <p id="no-pending">There are no pending orders available</p>
<?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Can.create ?>
<?cs if:Show.create ?>
<form class="form panel" id="create-order-form" method="post" action="<?cs var:Page.base ?>/orders/create" novalidate>
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
  <input type="hidden" name="token" value="<?cs var:Form.token ?>"><?cs call:ticked() ?>
  <h2>Create new order with:</h2>
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
<?cs if:Can.pay ?>
    <button class="btn btn-primary" type="submit" name="then" value="pay" id="close-and-pay">&pound; CLOSE ORDER &amp; PROCEED TO PAYMENT</button>
<?cs /if ?>
    <button class="btn btn-secondary" type="submit" name="then" value="later" id="close-pay-later">CLOSE ORDER BUT PAY LATER</button>
    <button class="btn btn-secondary" type="submit" name="then" value="open" id="leave-open">ADD APPLICATIONS BUT LEAVE ORDER OPEN</button>
    <a class="btn btn-plain" href="<?cs var:Page.base ?>/applications/attention" id="cancel">X CANCEL</a>
  </div>
</form>
<?cs else ?>
<form method="post" action="<?cs var:Page.base ?>/orders/add-applications" class="actions">
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>"><?cs call:ticked() ?>
  <button class="btn btn-secondary" type="submit" name="create" value="yes" id="create-new-order">+ CREATE A NEW ORDER</button>
  <a class="btn btn-plain" href="<?cs var:Page.base ?>/applications/attention" id="cancel">X CANCEL</a>
</form>
<?cs /if ?>
<?cs else ?>
<p class="actions"><a class="btn btn-plain" href="<?cs var:Page.base ?>/applications/attention" id="cancel">X CANCEL</a></p>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
