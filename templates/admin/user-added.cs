<?cs # After adding a new user or resetting a password: the one-time link, shown once.
     Reads: Added.id/email/reset, Link.url, Link.mailed. Tests: id="one-time-link". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1><?cs if:Added.reset ?>Password reset<?cs else ?>User added<?cs /if ?></h1>
</div>
<div class="notice notice-success" role="status">
  <p><?cs if:Added.reset ?>The old password no longer works and the user's sessions have ended.<?cs else ?>The user has been added to your portal records.<?cs /if ?></p>
  <p><?cs if:Link.mailed ?>A one-time link to set a password has been emailed to <?cs var:Added.email ?>.<?cs else ?>The email could not be sent: please pass this link to <?cs var:Added.email ?> yourself.<?cs /if ?>
  It works once, within 24 hours:</p>
  <p><code id="one-time-link"><?cs var:Link.url ?></code></p>
</div>
<p class="actions"><a class="btn btn-secondary" href="<?cs var:Page.base ?>/admin/users/<?cs var:Added.id ?>">View the user</a>
<a class="btn btn-plain" href="<?cs var:Page.base ?>/admin/users">Back to Administer Users</a></p>
<?cs include:"layout/footer.cs" ?>
