<?cs # The public page of a one-time link. Reads: Link.invalid (the link does not work),
     Link.token, Login.csrf, Form.error. Tests: id="set-password-form", id="link-invalid". ?><?cs include:"layout/header.cs" ?>
<div class="login">
  <div class="panel login-panel">
    <h1>Set your password</h1>
<?cs if:Link.invalid ?>
    <div class="alert" role="alert" id="link-invalid"><p><?cs var:Link.invalid ?></p></div>
<?cs else ?>
    <p class="hint">Choose a password of 12 to 128 characters that is not easy to guess: a few unrelated words work well.</p>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><p><?cs var:Form.error ?></p></div><?cs /if ?>
    <form class="form" id="set-password-form" method="post" action="<?cs var:Page.base ?>/set-password" novalidate>
      <input type="hidden" name="_csrf" value="<?cs var:Login.csrf ?>">
      <input type="hidden" name="token" value="<?cs var:Link.token ?>">
      <div class="field"><label for="password">New password</label>
        <input class="input" type="password" id="password" name="password" autocomplete="new-password" maxlength="1024"></div>
      <div class="field"><label for="confirm">The new password again</label>
        <input class="input" type="password" id="confirm" name="confirm" autocomplete="new-password" maxlength="1024"></div>
      <div class="actions"><button class="btn btn-primary btn-block" type="submit">SET PASSWORD</button></div>
    </form>
<?cs /if ?>
  </div>
</div>
<?cs include:"layout/footer.cs" ?>
