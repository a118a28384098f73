<?cs # Create New Advance Order (guide 1.7): credits for the company's funds; and, with
     Prepaid.kind "credits", Purchase Credits for ECS Online Assessments (guide 1.9).
     Reads: Prepaid.kind (advance, credits), Levels, Offices, Price.each/product, Form.*,
     Form.token, Can.pay, Session.csrf.
     Tests: id="advance-form", buttons name="method" (card, bacs, later). ?><?cs include:"layout/header.cs" ?><?cs include:"orders/macros.cs" ?>
<?cs if:Prepaid.kind == "credits" ?><?cs set:action = "/orders/credits" ?><?cs set:back = "/assessments" ?><?cs else ?><?cs set:action = "/orders/advance" ?><?cs set:back = "/orders/attention" ?><?cs /if ?>
<div class="page-header">
<?cs if:Prepaid.kind == "credits" ?>
  <h1>&gt;&gt; Purchase Credits for ECS Online Assessments</h1>
  <p class="lead">Each credit books one employee onto an online HS&amp;E assessment with remote invigilation, at <?cs var:Price.each ?> a credit. Credits are added to your ECS Assessments account once the order is paid.</p>
<?cs else ?>
  <h1>&gt;&gt; Create an Advance Order</h1>
  <p class="lead">Advance orders add money to your employer portal account to be used for future card applications. The minimum order which can be purchased is 1 credit equivalent to <?cs var:Price.each ?>.</p>
<?cs /if ?>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>
<form class="form panel" id="advance-form" method="post" action="<?cs var:Page.base ?><?cs var:action ?>" novalidate>
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
  <input type="hidden" name="token" value="<?cs var:Form.token ?>">
  <div class="form-grid">
<?cs call:otext("reference", "Your Reference / P.O. Number") ?>
<?cs call:olevel() ?>
<?cs call:ooffice("billing_office", "Billing To Office") ?>
<?cs call:otext("accounts_contact", "Accounts contact") ?>
  </div>
  <div class="table-wrap">
    <table class="table" id="advance-lines">
      <thead><tr><th scope="col">Quantity</th><th scope="col">Product</th><th scope="col" class="num">Each</th><th scope="col" class="num">Total</th></tr></thead>
      <tbody>
        <tr>
          <td class="field<?cs if:Form.quantity.error ?> field-invalid<?cs /if ?>">
            <label class="visually-hidden" for="quantity">Quantity</label>
            <?cs call:ofield_error("quantity") ?>
            <input class="input input-short" type="number" min="1" max="1000" step="1" id="quantity" name="quantity" value="<?cs var:Form.quantity.value ?>"<?cs call:ofield_aria("quantity") ?>>
          </td>
          <td><?cs var:Price.product ?></td>
          <td class="num"><?cs var:Price.each ?></td>
          <td class="num">Quantity &times; <?cs var:Price.each ?></td>
        </tr>
      </tbody>
    </table>
  </div>
  <div class="actions">
<?cs if:Can.pay ?>
    <button class="btn btn-primary" type="submit" name="method" value="card" id="pay-card">&pound; PAY BY CREDIT OR DEBIT CARD</button>
    <button class="btn btn-secondary" type="submit" name="method" value="bacs" id="pay-bacs">PAY BY BANK TRANSFER (BACS)</button>
<?cs else ?>
    <button class="btn btn-secondary" type="submit" name="method" value="later" id="pay-later">CREATE ORDER TO PAY LATER</button>
<?cs /if ?>
    <a class="btn btn-plain" href="<?cs var:Page.base ?><?cs var:back ?>">X CANCEL</a>
  </div>
  <p class="hint">If you choose the bank transfer option, your order will be on hold until the transfer has been received.</p>
</form>
<?cs include:"layout/footer.cs" ?>
