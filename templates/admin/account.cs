<?cs # My account. Reads: Me.title/first_name/last_name/phone/email/totp/recovery_left/
     require_2fa/companies (how many the user works for)/invitations, Company.name, Titles.N, Form.FIELD.value/error, Details.error, Password.error, Session.csrf.
     Tests: id="details-form", id="password-form", id="twofactor", id="password-error",
     id="choose-company". ?><?cs include:"layout/header.cs" ?><?cs include:"admin/fields.cs" ?>
<div class="page-header">
  <h1>My account</h1>
  <p class="lead"><?cs var:Me.email ?></p>
<?cs if:Me.companies > 1 ?>
  <p>You work for <?cs var:Me.companies ?> companies on the portal and are acting for <?cs var:Company.name ?>. <a id="choose-company" href="<?cs var:Page.base ?>/company">Choose another company</a></p>
<?cs /if ?>
<?cs if:Me.invitations > 0 ?>
  <p id="invitations-waiting"><?cs var:Me.invitations ?> invitation<?cs if:Me.invitations != 1 ?>s<?cs /if ?> from another company to answer: <a href="<?cs var:Page.base ?>/company">Your companies</a></p>
<?cs /if ?>
</div>
<section class="panel">
  <h2>Contact details</h2>
<?cs if:Details.error ?><div class="alert" role="alert" id="details-error"><?cs var:Details.error ?></div><?cs /if ?>
  <form class="form" id="details-form" method="post" action="<?cs var:Page.base ?>/account/details" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <div class="form-grid">
<?cs call:titleselect(Me.title) ?>
<?cs call:textfield("first_name", "First name", Me.first_name, "text") ?>
<?cs call:textfield("last_name", "Last name", Me.last_name, "text") ?>
<?cs call:textfield("phone", "Phone", Me.phone, "text") ?>
    </div>
    <p class="actions"><button class="btn btn-primary" type="submit">SAVE DETAILS</button></p>
  </form>
</section>
<section class="panel">
  <h2>Change my password</h2>
  <p class="hint">12 to 128 characters, not easy to guess. Your other sessions will be signed out.</p>
<?cs if:Password.error ?><div class="alert" role="alert" id="password-error"><?cs var:Password.error ?></div><?cs /if ?>
  <form class="form" id="password-form" method="post" action="<?cs var:Page.base ?>/account/password" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <div class="field"><label for="current">Current password</label>
      <input class="input" type="password" id="current" name="current" autocomplete="current-password"></div>
    <div class="field"><label for="password">New password</label>
      <input class="input" type="password" id="password" name="password" autocomplete="new-password"></div>
    <div class="field"><label for="confirm">The new password again</label>
      <input class="input" type="password" id="confirm" name="confirm" autocomplete="new-password"></div>
    <p class="actions"><button class="btn btn-primary" type="submit">CHANGE PASSWORD</button></p>
  </form>
</section>
<section class="panel" id="twofactor">
  <h2>Two-step sign-in</h2>
<?cs if:Me.totp == "1" ?>
  <p><span class="tag tag-green">On</span> You sign in with your password and a code from your authenticator app. Recovery codes left: <?cs var:Me.recovery_left ?>.</p>
<?cs if:Me.require_2fa != "1" ?>
  <form class="form" method="post" action="<?cs var:Page.base ?>/account/2fa/disable" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <div class="field"><label for="disable-password">Your password, to turn it off</label>
      <input class="input input-medium" type="password" id="disable-password" name="password" autocomplete="current-password"></div>
    <p class="actions"><button class="btn btn-warning" type="submit">TURN OFF TWO-STEP SIGN-IN</button></p>
  </form>
<?cs else ?>
  <p class="hint">Your company requires two-step sign-in.</p>
<?cs /if ?>
<?cs else ?>
  <p><span class="tag tag-grey">Off</span> Add a code from an authenticator app to your sign-in.</p>
  <p class="actions"><a class="btn btn-secondary" id="enrol-link" href="<?cs var:Page.base ?>/account/2fa">SET UP TWO-STEP SIGN-IN</a></p>
<?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
