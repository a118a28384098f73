<?cs # "Confirm Pay For Order <reference>?" (guide 1.6). Reads: Order.*, Lines.N,
     Can.funds, Funds.balance, Funds.enough, Form.method.value, Form.error,
     Session.csrf. Tests: id="pay-form", radios name="method", id="pay-now". ?><?cs include:"layout/header.cs" ?><?cs include:"orders/macros.cs" ?>
<div class="page-header">
  <h1>Confirm Pay For Order <?cs var:Order.label ?>?</h1>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>
<?cs call:olines() ?>
<form class="form panel" id="pay-form" method="post" action="<?cs var:Page.base ?>/orders/<?cs var:Order.id ?>/pay">
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
  <fieldset class="fieldset">
    <legend>I wish to pay by</legend>
    <label class="checkbox"><input type="radio" name="method" value="card"<?cs if:Form.method.value != "funds" && Form.method.value != "bacs" ?> checked<?cs /if ?>> Debit or credit card</label>
    <p class="hint">Please click Pay Now to be transferred to the Payment Gateway to collect <?cs var:Order.total ?> from your Credit or Debit card.</p>
<?cs if:Can.funds ?>
    <label class="checkbox"><input type="radio" name="method" value="funds"<?cs if:Form.method.value == "funds" ?> checked<?cs /if ?>> Company funds (balance <span id="funds-balance"><?cs var:Funds.balance ?></span>)</label>
<?cs if:!Funds.enough ?>    <p class="hint">The balance does not cover this order.</p><?cs /if ?>
<?cs /if ?>
    <label class="checkbox"><input type="radio" name="method" value="bacs"<?cs if:Form.method.value == "bacs" ?> checked<?cs /if ?>> Bank transfer (BACS)</label>
    <p class="hint">If you choose the bank transfer option, your order will be on hold until the transfer has been received.</p>
  </fieldset>
  <div class="actions">
    <button class="btn btn-primary" type="submit" id="pay-now">PAY</button>
    <a class="btn btn-plain" href="<?cs var:Page.base ?>/orders/<?cs var:Order.id ?>">X CANCEL</a>
  </div>
</form>
<?cs include:"layout/footer.cs" ?>
