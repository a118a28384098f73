<?cs # An error page, signed in or not (the header decides what to show).
     Reads: Error.status, Error.title, Error.message, Error.incident (500, 503). ?><?cs include:"layout/header.cs" ?>
<div class="panel panel-narrow error-page">
  <p class="error-status">Error <?cs var:Error.status ?></p>
  <h1><?cs var:Error.title ?></h1>
<?cs if:Error.message ?>
  <p class="lead"><?cs var:Error.message ?></p>
<?cs /if ?>
<?cs if:Error.incident ?>
  <div class="notice">
    <p>Please quote incident reference <strong class="reference" id="incident"><?cs var:Error.incident ?></strong>
    if you contact us about this problem.</p>
  </div>
<?cs /if ?>
  <p class="actions">
    <a class="btn btn-secondary" href="<?cs var:Page.base ?>/dashboard">Back to the dashboard</a>
<?cs if:!User.name ?>
    <a class="btn btn-plain" href="<?cs var:Page.base ?>/login">Sign in</a>
<?cs /if ?>
  </p>
</div>
<?cs include:"layout/footer.cs" ?>
