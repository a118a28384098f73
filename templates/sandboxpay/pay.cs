<?cs # The sandbox payment gateway's own page (demo and tests only). Reads:
     Gateway.error, Gateway.request (the signed request, carried back),
     Gateway.merchant/description/amount/return, Form.*.error, Form.name.value.
     Tests: id="gateway-form", id="gateway-error". ?><?cs include:"layout/bare-header.cs" ?>
  <h1>Sandbox Payment Gateway</h1>
  <p class="notice notice-warning">A test gateway: no real card is charged. Use 4242 4242 4242 4242 to succeed, 4000 0000 0000 0002 to be declined.</p>
<?cs if:Gateway.error ?>
  <div class="alert" role="alert" id="gateway-error"><?cs var:Gateway.error ?></div>
<?cs else ?>
  <dl class="summary-list">
    <dt>Merchant</dt><dd><?cs var:Gateway.merchant ?></dd>
    <dt>For</dt><dd><?cs var:Gateway.description ?></dd>
    <dt>Amount</dt><dd id="gateway-amount"><?cs var:Gateway.amount ?></dd>
  </dl>
  <form class="form" id="gateway-form" method="post" action="<?cs var:Page.base ?>/sandbox-gateway/pay" autocomplete="off" novalidate>
    <input type="hidden" name="request" value="<?cs var:Gateway.request ?>">
<?cs def:gfield(name, label, hint) ?>
    <div class="field<?cs if:Form[name].error ?> field-invalid<?cs /if ?>">
      <label for="<?cs var:name ?>"><?cs var:label ?></label>
<?cs if:Form[name].error ?>      <p class="field-error"><?cs var:Form[name].error ?></p><?cs /if ?>
      <input class="input" type="text" id="<?cs var:name ?>" name="<?cs var:name ?>" placeholder="<?cs var:hint ?>"<?cs if:name == "name" ?> value="<?cs var:Form.name.value ?>"<?cs /if ?>>
    </div>
<?cs /def ?>
<?cs call:gfield("name", "Name on the card", "") ?>
<?cs call:gfield("card_number", "Card number", "4242 4242 4242 4242") ?>
<?cs call:gfield("expiry", "Expiry (MM/YY)", "12/30") ?>
<?cs call:gfield("cvc", "Security code", "123") ?>
    <div class="actions">
      <button class="btn btn-primary" type="submit" id="gateway-pay">PAY <?cs var:Gateway.amount ?></button>
      <a class="btn btn-plain" href="<?cs var:Gateway.return ?>&amp;cancelled=yes" id="gateway-cancel">Cancel</a>
    </div>
  </form>
<?cs /if ?>
<?cs include:"layout/bare-footer.cs" ?>
