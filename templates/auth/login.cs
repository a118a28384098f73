<?cs # The sign-in page (nobody is signed in, so the header shows no toolbar).
     Reads: Login.csrf, Form.email.value, Form.email.error, Form.password.error,
     Form.error. ?><?cs include:"layout/header.cs" ?>
<div class="login">
  <div class="panel login-panel">
    <h1>Sign in to the Employer Portal</h1>
    <p class="hint">To start using your Employer Portal, sign in to your account by entering your login details.</p>
<?cs if:Form.error ?>
    <div class="alert" role="alert" id="form-error">
      <p><?cs var:Form.error ?></p>
    </div>
<?cs /if ?>
    <form class="form" method="post" action="<?cs var:Page.base ?>/login" novalidate>
      <input type="hidden" name="_csrf" value="<?cs var:Login.csrf ?>">
      <div class="field<?cs if:Form.email.error ?> field-invalid<?cs /if ?>">
        <label for="email">Email address</label>
<?cs if:Form.email.error ?>
        <p class="field-error" id="email-error"><span class="visually-hidden">Error: </span><?cs var:Form.email.error ?></p>
<?cs /if ?>
        <input class="input" type="email" id="email" name="email" value="<?cs var:Form.email.value ?>"
               autocomplete="username" spellcheck="false" autocapitalize="none" required<?cs if:Form.email.error ?>
               aria-invalid="true" aria-describedby="email-error"<?cs /if ?>>
      </div>
      <div class="field<?cs if:Form.password.error ?> field-invalid<?cs /if ?>">
        <label for="password">Password</label>
<?cs if:Form.password.error ?>
        <p class="field-error" id="password-error"><span class="visually-hidden">Error: </span><?cs var:Form.password.error ?></p>
<?cs /if ?>
        <input class="input" type="password" id="password" name="password"
               autocomplete="current-password" required<?cs if:Form.password.error ?>
               aria-invalid="true" aria-describedby="password-error"<?cs /if ?>>
      </div>
      <div class="actions">
        <button class="btn btn-primary btn-block" type="submit">LOG IN</button>
      </div>
    </form>
  </div>
  <section class="login-about" aria-labelledby="login-about-title">
    <h2 id="login-about-title">About the Employer Portal</h2>
    <p>The ECS Employer Portal supports companies in the management of their employees' ECS card
    applications and assessments. Via the portal you can:</p>
    <ul>
      <li>Make and track card applications.</li>
      <li>Create and manage online ECS card purchases and invoices.</li>
      <li>Monitor card applications on hold.</li>
      <li>View all current employees who hold ECS cards, along with their expiry date and card numbers.</li>
    </ul>
  </section>
</div>
<?cs include:"layout/footer.cs" ?>
