<?cs # A paid order's receipt (VAT invoice), printable. Reads: Receipt.* (supplier,
     vat_number, number, company and its address, billing office and its address,
     method), Order.*, Lines.N. Tests: id="receipt". ?><?cs include:"layout/header.cs" ?><?cs include:"orders/macros.cs" ?>
<article class="panel receipt" id="receipt">
  <h1>Receipt (VAT invoice) <?cs var:Receipt.number ?></h1>
  <p><strong><?cs var:Receipt.supplier ?></strong><?cs if:Receipt.vat_number ?><br>VAT registration number <?cs var:Receipt.vat_number ?><?cs /if ?></p>
  <dl class="summary-list">
    <dt>Invoice to</dt><dd><?cs var:Receipt.company ?><br><?cs var:Receipt.billing ?><?cs if:Receipt.billing_line1 ?><br><?cs var:Receipt.billing_line1 ?><?cs /if ?><?cs if:Receipt.billing_line2 ?><br><?cs var:Receipt.billing_line2 ?><?cs /if ?><?cs if:Receipt.billing_town ?><br><?cs var:Receipt.billing_town ?><?cs /if ?><?cs if:Receipt.billing_postcode ?><br><?cs var:Receipt.billing_postcode ?><?cs /if ?></dd>
    <dt>Your Reference / P.O. Number</dt><dd><?cs var:Order.reference ?></dd>
    <dt>Order</dt><dd><?cs var:Order.id ?></dd>
    <dt>Paid</dt><dd><?cs var:Order.paid ?> by <?cs var:Receipt.method ?></dd>
    <dt>Accounts contact</dt><dd><?cs var:Order.accounts_contact ?></dd>
  </dl>
<?cs call:olines() ?>
  <p class="hint">VAT is charged at 20% on card applications; advance payments carry no VAT when bought.</p>
</article>
<?cs include:"layout/footer.cs" ?>
