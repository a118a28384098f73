<?cs # A page of orders with their lines (Orders Requiring Attention and Orders
     Being Fulfilled). Reads: Orders.N.id/reference/state/kind/date/bacs_reference/
     total/Lines.M.product/quantity/total/app_reference/applicant/app_state/app_id,
     Page.next, List.url, List.progress (show the applications' progress),
     List.empty. Tests: id="orders-list", one id="order-N" per order. ?>
<div id="orders-list">
<?cs each:o = Orders ?>
<section class="panel" id="order-<?cs var:o.id ?>">
  <h2><a href="<?cs var:Page.base ?>/orders/<?cs var:o.id ?>"><?cs if:o.reference ?><?cs var:o.reference ?><?cs else ?>Order <?cs var:o.id ?><?cs /if ?></a>
    <span class="tag <?cs if:o.state == "paid" ?>tag-green<?cs else ?>tag-amber<?cs /if ?>"><?cs if:o.state == "open" ?>Open<?cs elif:o.state == "closed_unpaid" ?>Awaiting payment<?cs elif:o.state == "awaiting_payment" ?>Awaiting card payment<?cs elif:o.state == "awaiting_bacs" ?>Marked for BACS allocation (<?cs var:o.bacs_reference ?>)<?cs else ?>Paid<?cs /if ?></span></h2>
  <p class="hint"><?cs if:o.kind == "advance_payment" ?>Advance order<?cs elif:o.kind == "assessment_credits" ?>Assessment credits order<?cs else ?>Card order<?cs /if ?> <?cs var:o.id ?>, <?cs var:o.date ?>; total <strong><?cs var:o.total ?></strong></p>
<?cs if:?o.Lines.0.product ?>
  <div class="table-wrap">
    <table class="table">
      <thead><tr><th scope="col">Quantity</th><th scope="col">Product</th><th scope="col">App. Ref.</th><th scope="col">Applicant</th><?cs if:List.progress ?><th scope="col">Progress</th><?cs /if ?><th scope="col" class="num">Total</th></tr></thead>
      <tbody>
<?cs each:l = o.Lines ?>
        <tr><td><?cs var:l.quantity ?></td><td><?cs var:l.product ?></td><td><?cs if:l.app_id != "0" ?><a class="reference" href="<?cs var:Page.base ?>/applications/<?cs var:l.app_id ?>"><?cs var:l.app_reference ?></a><?cs /if ?></td><td><?cs var:l.applicant ?></td><?cs if:List.progress ?><td><?cs if:l.app_id != "0" ?><?cs var:l.app_state ?><?cs else ?>Credits added to funds<?cs /if ?></td><?cs /if ?><td class="num"><?cs var:l.total ?></td></tr>
<?cs /each ?>
      </tbody>
    </table>
  </div>
<?cs else ?>
  <p class="empty">No applications on this order yet.</p>
<?cs /if ?>
  <p class="actions"><a class="btn btn-secondary btn-small" href="<?cs var:Page.base ?>/orders/<?cs var:o.id ?>">VIEW ORDER</a>
<?cs if:o.state != "paid" && Can.pay && ?o.Lines.0.product ?> <a class="btn btn-primary btn-small" href="<?cs var:Page.base ?>/orders/<?cs var:o.id ?>/pay">&pound; PAY</a><?cs /if ?>
<?cs if:o.state == "paid" ?> <a class="btn btn-plain btn-small" href="<?cs var:Page.base ?>/orders/<?cs var:o.id ?>/receipt">Receipt</a><?cs /if ?></p>
</section>
<?cs /each ?>
<?cs if:!?Orders.0.id ?><p class="empty panel" id="orders-empty"><?cs var:List.empty ?></p><?cs /if ?>
<?cs if:Page.next ?><p><a class="btn btn-plain" href="<?cs var:Page.base ?><?cs var:List.url ?>?before=<?cs var:Page.next ?>" id="older">Older orders</a></p><?cs /if ?>
</div>
