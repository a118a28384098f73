<?cs # A toolbar section that no loaded module serves yet. Reads: Page.title. ?><?cs include:"layout/header.cs" ?>
<div class="panel panel-narrow">
  <h1><?cs var:Page.title ?></h1>
  <p class="lead">This section is not available yet.</p>
  <p>You can use the blue toolbar to reach the other sections of the portal.</p>
  <p class="actions">
    <a class="btn btn-secondary" href="<?cs var:Page.base ?>/dashboard">Back to the dashboard</a>
  </p>
</div>
<?cs include:"layout/footer.cs" ?>
