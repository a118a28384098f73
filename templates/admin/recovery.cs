<?cs # Shown once after enrolment: the ten recovery codes. Reads: Recovery.N. Tests: id="recovery-codes". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Your recovery codes</h1>
  <p class="lead">Two-step sign-in is on. Keep these codes somewhere safe: each signs you in once
  if you lose your device. They are shown only now.</p>
</div>
<section class="panel">
  <ul class="plain-list" id="recovery-codes">
<?cs each:c = Recovery ?>
    <li><code><?cs var:c ?></code></li>
<?cs /each ?>
  </ul>
  <p class="actions"><a class="btn btn-primary" href="<?cs var:Page.base ?>/dashboard">CONTINUE</a></p>
</section>
<?cs include:"layout/footer.cs" ?>
