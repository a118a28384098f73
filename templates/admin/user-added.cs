<?cs # After adding a new user or resetting a password. A new user's one-time link is shown
     once (the administrator made the account); a reset's never is: it goes only to the
     person's email, so nobody else can set the password of an account in use.
     Reads: Added.id/email/reset, Link.url, Link.mailed. Tests: id="one-time-link",
     id="link-mailed", id="link-not-mailed". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1><?cs if:Added.reset ?>Password reset<?cs else ?>User added<?cs /if ?></h1>
</div>
<div class="notice notice-success" role="status">
  <p><?cs if:Added.reset ?>The old password no longer works and the user's sessions have ended.<?cs else ?>The user has been added to your portal records.<?cs /if ?></p>
<?cs if:Link.mailed ?>
  <p id="link-mailed">A one-time link to set a password has been emailed to <?cs var:Added.email ?>. It works once, within 24 hours<?cs if:Added.reset ?>.<?cs else ?>:<?cs /if ?></p>
<?cs elif:Added.reset ?>
  <p id="link-not-mailed">The email to <?cs var:Added.email ?> could not be sent. Please try again later; the person can also ask ECS to set their password.</p>
<?cs else ?>
  <p id="link-not-mailed">The email could not be sent: please pass this link to <?cs var:Added.email ?> yourself. It works once, within 24 hours:</p>
<?cs /if ?>
<?cs if:!Added.reset ?>
  <p><code id="one-time-link"><?cs var:Link.url ?></code></p>
<?cs /if ?>
</div>
<p class="actions"><a class="btn btn-secondary" href="<?cs var:Page.base ?>/admin/users/<?cs var:Added.id ?>">View the user</a>
<a class="btn btn-plain" href="<?cs var:Page.base ?>/admin/users">Back to Administer Users</a></p>
<?cs include:"layout/footer.cs" ?>
