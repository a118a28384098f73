<?cs # One order: details, lines and totals, payments, and the actions the user
     may take. Reads: Order.* (id, label, reference, state, state_label, kind,
     bacs_reference, created, level, group, office, billing_office, delivery_office,
     accounts_contact, delivery_attention, paid, created_by, net, vat, total), Lines.N,
     Payments.N.method/state/amount/when/detail, Can.pay/cancel/close/receipt,
     Session.csrf. Tests: id="order-state", id="order-lines", id="order-actions". ?><?cs include:"layout/header.cs" ?><?cs include:"orders/macros.cs" ?>
<div class="page-header">
  <h1>Order <?cs var:Order.label ?></h1>
  <p class="lead"><span class="tag <?cs if:Order.state == "paid" ?>tag-green<?cs elif:Order.state == "cancelled" ?>tag-grey<?cs else ?>tag-amber<?cs /if ?>" id="order-state"><?cs var:Order.state_label ?></span>
  <?cs if:Order.kind == "advance_payment" ?>Advance order<?cs elif:Order.kind == "assessment_credits" ?>Assessment credits order<?cs else ?>Card order<?cs /if ?> number <?cs var:Order.id ?></p>
</div>
<?cs if:Order.state == "awaiting_bacs" ?><?cs include:"orders/bacs.cs" ?><?cs /if ?>
<dl class="summary-list panel" id="order-details">
  <dt>Your Reference / P.O. Number</dt><dd><?cs var:Order.reference ?></dd>
  <dt>Raised at level of</dt><dd><?cs if:Order.level == "company" ?>Company Purchase<?cs elif:Order.level == "group" ?>Group Purchase - <?cs var:Order.group ?><?cs else ?>Office Purchase - <?cs var:Order.office ?><?cs /if ?></dd>
  <dt>Billing To Office</dt><dd><?cs var:Order.billing_office ?></dd>
<?cs if:Order.kind == "cards" ?>  <dt>Deliver to Office</dt><dd><?cs var:Order.delivery_office ?></dd>
  <dt>Delivery to the attention of</dt><dd><?cs var:Order.delivery_attention ?></dd><?cs /if ?>
  <dt>Accounts contact</dt><dd><?cs var:Order.accounts_contact ?></dd>
  <dt>Created</dt><dd><?cs var:Order.created ?> by <?cs var:Order.created_by ?></dd>
<?cs if:Order.paid ?>  <dt>Paid</dt><dd><?cs var:Order.paid ?></dd><?cs /if ?>
</dl>
<?cs call:olines() ?>
<div class="actions" id="order-actions">
<?cs if:Can.pay ?>  <a class="btn btn-primary" href="<?cs var:Page.base ?>/orders/<?cs var:Order.id ?>/pay" id="pay">&pound; PAY FOR THIS ORDER</a><?cs /if ?>
<?cs if:Can.close ?>
  <form method="post" action="<?cs var:Page.base ?>/orders/<?cs var:Order.id ?>/close">
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <button class="btn btn-secondary" type="submit" id="close">CLOSE ORDER BUT PAY LATER</button>
  </form>
<?cs /if ?>
<?cs if:Can.cancel ?>
  <form method="post" action="<?cs var:Page.base ?>/orders/<?cs var:Order.id ?>/cancel">
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <button class="btn btn-warning" type="submit" id="cancel-order">CANCEL ORDER</button>
  </form>
<?cs /if ?>
<?cs if:Can.receipt ?>  <a class="btn btn-secondary" href="<?cs var:Page.base ?>/orders/<?cs var:Order.id ?>/receipt" id="receipt">RECEIPT (VAT INVOICE)</a><?cs /if ?>
</div>
<?cs if:?Payments.0.id ?>
<section aria-labelledby="payments-title">
  <h2 id="payments-title">Payments</h2>
  <div class="table-wrap">
    <table class="table" id="payments">
      <thead><tr><th scope="col">When</th><th scope="col">How</th><th scope="col">Status</th><th scope="col" class="num">Amount</th><th scope="col">Detail</th></tr></thead>
      <tbody>
<?cs each:p = Payments ?>
        <tr><td><?cs var:p.when ?></td><td><?cs if:p.method == "card" ?>Card<?cs elif:p.method == "funds" ?>Company funds<?cs else ?>BACS<?cs /if ?></td><td><?cs var:p.state ?></td><td class="num"><?cs var:p.amount ?></td><td><?cs var:p.detail ?></td></tr>
<?cs /each ?>
      </tbody>
    </table>
  </div>
</section>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
