<?cs # Enrolment in two-step sign-in. Reads: Totp.secret (base32), Totp.uri, Totp.required (the
     company requires it: nothing else opens until done), Form.error, Session.csrf.
     Tests: id="totp-secret", id="totp-uri", id="totp-form". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Set up two-step sign-in</h1>
<?cs if:Totp.required ?><div class="notice notice-warning" role="status" id="totp-required"><p>Your company requires two-step sign-in. Please set it up to continue.</p></div><?cs /if ?>
  <p class="lead">Scan the QR code with an authenticator app (or type the key into it), then enter the 6-digit code it shows.</p>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>
<section class="panel">
  <p><img src="<?cs var:Page.base ?>/account/2fa/qr.png" alt="QR code of the key for your authenticator app" width="250" height="250"></p>
  <p>Key: <code id="totp-secret"><?cs var:Totp.secret ?></code></p>
  <p class="hint">Or open this address on the device: <code id="totp-uri"><?cs var:Totp.uri ?></code></p>
  <form class="form" id="totp-form" method="post" action="<?cs var:Page.base ?>/account/2fa" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <div class="field"><label for="code">Code from the app</label>
      <input class="input input-short" type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="7"></div>
    <p class="actions"><button class="btn btn-primary" type="submit">TURN ON TWO-STEP SIGN-IN</button></p>
  </form>
</section>
<?cs include:"layout/footer.cs" ?>
