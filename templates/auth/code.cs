<?cs # The second step of sign-in: a code of the authenticator app, or a recovery code.
     Reads: Session.csrf, Form.error. Tests: id="code-form". ?><?cs include:"layout/header.cs" ?>
<div class="login">
  <div class="panel login-panel">
    <h1>Two-step sign-in</h1>
    <p class="hint">Enter the 6-digit code your authenticator app shows for the ECS Employer Portal.</p>
<?cs if:Form.error ?>
    <div class="alert" role="alert" id="form-error"><p><?cs var:Form.error ?></p></div>
<?cs /if ?>
    <form class="form" id="code-form" method="post" action="<?cs var:Page.base ?>/login/code" novalidate>
      <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
      <div class="field">
        <label for="code">Code</label>
        <input class="input" type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="7">
      </div>
      <details>
        <summary>Use a recovery code instead</summary>
        <div class="field">
          <label for="recovery">Recovery code</label>
          <input class="input" type="text" id="recovery" name="recovery" autocomplete="off" spellcheck="false">
        </div>
      </details>
      <div class="actions">
        <button class="btn btn-primary btn-block" type="submit">CONTINUE</button>
      </div>
    </form>
  </div>
</div>
<?cs include:"layout/footer.cs" ?>
