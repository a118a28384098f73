<?cs # Step 4 – Finalise & Review (guide 1.4).
     Reads: App.id/reference/name/type/state, App.hold_reason, App.recheck_label
     (the whole link text, arrow included: "← RECHECK JEFF JONES'S APPLICATION"), Steps.N.*
     (applications/steps.cs), Applicant.title/first_name/last_name/ni/dob,
     Applicant.business_phone/business_email/delivery_office, Photo.url,
     Hse.status, Hse.valid, Evidence.N.body/number/qualification/status,
     Occupation.name, Grade.name, Additional.N.name, Registered.date,
     Missing.N (what stops finalising), Form.declaration.value/error,
     Form.error, Session.csrf, Page.base.
     Form id="finalise-form" (POST /applications/ID/finalise, check box
     "declaration" value "yes"), shown only while App.state is "in_progress"
     (absent App.state counts as in progress).
     Tests: id="missing", id="declaration". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <p class="app-kicker">Card application<?cs if:App.reference ?> <span class="reference"><?cs var:App.reference ?></span><?cs /if ?></p>
  <h1>Step 4 – Finalise &amp; Review</h1>
  <p class="lead"><strong><?cs var:App.name ?></strong><?cs if:App.type ?> &middot; <?cs var:App.type ?><?cs /if ?></p>
</div>
<?cs include:"applications/steps.cs" ?>
<?cs if:Form.error ?>
<div class="alert" role="alert" id="form-error">
  <p><?cs var:Form.error ?></p>
</div>
<?cs /if ?>
<?cs if:?Missing.0 ?>
<div class="alert" role="alert" id="missing">
  <p>This application cannot be finalised yet:</p>
  <ul>
<?cs each:m = Missing ?>
    <li><?cs var:m ?></li>
<?cs /each ?>
  </ul>
</div>
<?cs /if ?>
<?cs if:!App.state || App.state == "in_progress" ?>
<p class="hint">Preview the application summary, then tick the declaration at the bottom of the page and click <strong>FINALISE NOW</strong>.</p>
<?cs /if ?>

<section class="panel" id="summary-applicant" aria-labelledby="summary-applicant-title">
  <h2 id="summary-applicant-title">Applicant Details</h2>
  <div class="photo-row">
    <div class="photo-frame">
<?cs if:Photo.url ?>
      <img class="photo-thumb" id="summary-photo" src="<?cs var:Photo.url ?>" alt="Photo of <?cs var:App.name ?>" width="150" height="190">
<?cs else ?>
      <p class="photo-none">No photo</p>
<?cs /if ?>
    </div>
    <dl class="summary-list photo-details">
      <dt>Name</dt><dd><?cs if:Applicant.title ?><?cs var:Applicant.title ?> <?cs /if ?><?cs var:Applicant.first_name ?> <?cs var:Applicant.last_name ?></dd>
      <dt>NI Number</dt><dd><?cs var:Applicant.ni ?></dd>
      <dt>Date of Birth</dt><dd><?cs var:Applicant.dob ?></dd>
<?cs if:Applicant.business_phone ?>
      <dt>Business Phone (direct dial)</dt><dd><?cs var:Applicant.business_phone ?></dd>
<?cs /if ?>
<?cs if:Applicant.business_email ?>
      <dt>Business Email (direct email)</dt><dd><?cs var:Applicant.business_email ?></dd>
<?cs /if ?>
<?cs if:Applicant.delivery_office ?>
      <dt>Card sent to</dt><dd><?cs var:Applicant.delivery_office ?></dd>
<?cs /if ?>
      <dt>Application Type</dt><dd><?cs var:App.type ?></dd>
    </dl>
  </div>
</section>

<section class="panel" id="summary-qualifications" aria-labelledby="summary-qualifications-title">
  <h2 id="summary-qualifications-title">Qualifications &amp; Documents</h2>
  <dl class="summary-list">
    <dt>Health, Safety &amp; Environmental Assessment</dt>
    <dd><?cs if:Hse.status ?><span class="tag<?cs if:Hse.valid ?> tag-green<?cs else ?> tag-amber<?cs /if ?>" id="summary-hse"><?cs var:Hse.status ?></span><?cs else ?><span class="hint">Not known</span><?cs /if ?></dd>
  </dl>
  <div class="table-wrap">
    <table class="table" id="summary-evidence">
      <caption class="visually-hidden">Qualifications and documents</caption>
      <thead><tr><th scope="col">Awarding Body</th><th scope="col">Certificate No.</th><th scope="col">Qualification</th><th scope="col">Status</th></tr></thead>
      <tbody>
<?cs each:e = Evidence ?>
        <tr><td><?cs var:e.body ?></td><td class="nowrap"><?cs var:e.number ?></td><td><?cs var:e.qualification ?></td><td><?cs var:e.status ?></td></tr>
<?cs /each ?>
<?cs if:!?Evidence.0.status && !?Evidence.0.body ?>
        <tr><td colspan="4" class="empty">No qualifications or documents.</td></tr>
<?cs /if ?>
      </tbody>
    </table>
  </div>
</section>

<section class="panel" id="summary-grading" aria-labelledby="summary-grading-title">
  <h2 id="summary-grading-title">Occupations &amp; Grading</h2>
  <dl class="summary-list">
    <dt>Main Occupation</dt><dd><?cs if:Occupation.name ?><?cs var:Occupation.name ?><?cs else ?><span class="hint">Not chosen</span><?cs /if ?></dd>
    <dt>Grade</dt><dd><?cs if:Grade.name ?><?cs var:Grade.name ?><?cs else ?><span class="hint">None</span><?cs /if ?></dd>
    <dt>ECS Registered Electrician Scheme</dt><dd><?cs if:Registered.date ?>You registered for the ECS Registered Electrician Scheme on <?cs var:Registered.date ?><?cs else ?>Not registered<?cs /if ?></dd>
    <dt>Qualified supervisor status</dt><dd><?cs if:Endorse.qs_requested ?><?cs if:Endorse.qs ?>Applied for, endorsed<?cs else ?>Applied for, not yet endorsed<?cs /if ?><?cs else ?>Not applied for<?cs /if ?></dd>
<?cs if:Endorse.grading_needed ?>
    <dt>Change in grading</dt><dd><?cs if:Endorse.grading ?>Endorsed<?cs else ?>Not yet endorsed<?cs /if ?></dd>
<?cs /if ?>
    <dt>Additional Occupations</dt>
    <dd><?cs if:?Additional.0.name ?><ul class="plain-list"><?cs each:a = Additional ?><li><?cs var:a.name ?></li><?cs /each ?></ul><?cs else ?>None<?cs /if ?></dd>
  </dl>
</section>

<?cs if:App.state == "finalised" ?>
<div class="notice notice-success" id="finalised">
  <p>This application has been finalised. It is listed under Finalised Applications - Awaiting Ordering in <a href="<?cs var:Page.base ?>/applications/attention">Applications Requiring Attention</a>.</p>
</div>
<?cs elif:App.state && App.state != "in_progress" ?>
<div class="notice notice-warning" id="not-editable">
  <p><?cs if:App.state == "on_hold" ?>This application is on hold<?cs if:App.hold_reason ?>: <?cs var:App.hold_reason ?><?cs /if ?><?cs else ?>This application can no longer be changed<?cs /if ?>. See <a href="<?cs var:Page.base ?>/applications/attention">Applications Requiring Attention</a>.</p>
</div>
<?cs else ?>
<section class="panel" id="finalise" aria-labelledby="finalise-title">
  <h2 id="finalise-title">Finalise</h2>
  <form class="form form-wide" id="finalise-form" method="post" action="<?cs var:Page.base ?>/applications/<?cs var:App.id ?>/finalise" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <fieldset class="fieldset declaration" id="declaration"<?cs if:Form.declaration.error ?> aria-describedby="declaration-error"<?cs /if ?>>
      <legend>I confirm that,</legend>
      <div class="field<?cs if:Form.declaration.error ?> field-invalid<?cs /if ?>">
<?cs if:Form.declaration.error ?>
        <p class="field-error" id="declaration-error"><span class="visually-hidden">Error: </span><?cs var:Form.declaration.error ?></p>
<?cs /if ?>
        <div class="checkbox">
          <input type="checkbox" id="declaration-confirm" name="declaration" value="yes"<?cs if:Form.declaration.value == "yes" ?> checked<?cs /if ?> required<?cs if:Form.declaration.error ?> aria-invalid="true"<?cs /if ?>>
          <label for="declaration-confirm">I have read and agree with the <a href="<?cs var:Page.base ?>/static/terms.html">terms and conditions</a> and that I understand there is no refund policy</label>
        </div>
      </div>
    </fieldset>
    <div class="actions">
      <button class="btn btn-primary" type="submit">FINALISE NOW</button>
      <a id="recheck" href="<?cs var:Page.base ?>/applications/<?cs var:App.id ?>/step1"><?cs if:App.recheck_label ?><?cs var:App.recheck_label ?><?cs else ?>← RECHECK THE APPLICATION<?cs /if ?></a>
    </div>
  </form>
</section>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
