<?cs # The stand-in assessment service's landing page (demo and tests only). Reads:
     Arrival.error, or Arrival.account/company/company_id/user/user_id.
     Tests: id="arrival", id="arrival-error", id="arrival-account". ?><?cs include:"layout/bare-header.cs" ?>
  <h1>ECS Online Assessments</h1>
  <p class="notice notice-warning">A stand-in for the assessment service, for the demo and the tests.</p>
<?cs if:Arrival.error ?>
  <div class="alert" role="alert" id="arrival-error"><?cs var:Arrival.error ?></div>
<?cs else ?>
  <p class="notice notice-success" id="arrival">You are signed in.</p>
  <dl class="summary-list">
    <dt>Company</dt><dd id="arrival-company"><?cs var:Arrival.company ?> (portal company <?cs var:Arrival.company_id ?>)</dd>
    <dt>Account</dt><dd id="arrival-account"><?cs var:Arrival.account ?></dd>
    <dt>Portal user</dt><dd id="arrival-user"><?cs var:Arrival.user ?> (user <?cs var:Arrival.user_id ?>)</dd>
  </dl>
<?cs /if ?>
<?cs include:"layout/bare-footer.cs" ?>
