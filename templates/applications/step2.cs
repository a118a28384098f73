<?cs # Step 2 - Qualifications & Documents (guide 1.3).
     Reads: App.id/reference/name/type, Steps.N.* (applications/steps.cs),
     Hse.status (text), Hse.valid (1 when a pass within 2 years or an
     exemption), Hse.route (online, test_centre),
     Evidence.N.body/number/qualification/status/document_url,
     Bodies.N.code/name (the select "awarding_body", in the module's order;
     kind is not shown),
     Form.awarding_body/certificate_number/awarded_on .value/.error,
     Form.document.error, Form.purpose.value/error, Form.hse_route.error
     (optional), Form.error, Session.csrf, Page.base.
     Forms: id="hse-form" (POST /applications/ID/hse, only while Hse.valid is
     not 1), id="document-form" (multipart POST /applications/ID/document),
     id="check-form" (POST /applications/ID/check). NEXT STEP > is a link to
     step 3. Tests: id="hse-status", id="evidence-table". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <p class="app-kicker">Card application<?cs if:App.reference ?> <span class="reference"><?cs var:App.reference ?></span><?cs /if ?></p>
  <h1>Step 2 - Qualifications &amp; Documents</h1>
  <p class="lead"><strong><?cs var:App.name ?></strong><?cs if:App.type ?> &middot; <?cs var:App.type ?><?cs /if ?></p>
</div>
<?cs include:"applications/steps.cs" ?>
<?cs if:Form.error ?>
<div class="alert" role="alert" id="form-error">
  <p><?cs var:Form.error ?></p>
</div>
<?cs /if ?>

<section class="panel" id="hse" aria-labelledby="hse-title">
  <h2 id="hse-title">Health, Safety &amp; Environmental Assessment</h2>
  <p>Each applicant needs a valid Health, Safety &amp; Environmental Assessment or a recognised exemption.</p>
  <dl class="summary-list">
    <dt>Status</dt>
    <dd><span class="tag<?cs if:Hse.valid ?> tag-green<?cs else ?> tag-amber<?cs /if ?>" id="hse-status"><?cs var:Hse.status ?></span></dd>
  </dl>
<?cs if:!Hse.valid ?>
  <p>If the applicant holds an exemption, upload it below as an <strong>exemption</strong> document.
  Otherwise choose how they will sit the assessment.</p>
  <form class="form" id="hse-form" method="post" action="<?cs var:Page.base ?>/applications/<?cs var:App.id ?>/hse">
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <fieldset class="fieldset<?cs if:Form.hse_route.error ?> field-invalid<?cs /if ?>"<?cs if:Form.hse_route.error ?> aria-describedby="hse_route-error"<?cs /if ?>>
      <legend>How will the applicant sit the assessment?</legend>
<?cs if:Form.hse_route.error ?>
      <p class="field-error" id="hse_route-error"><span class="visually-hidden">Error: </span><?cs var:Form.hse_route.error ?></p>
<?cs /if ?>
      <div class="checkbox option">
        <input type="radio" id="hse_route-online" name="hse_route" value="online"<?cs if:Hse.route == "online" ?> checked<?cs /if ?>>
        <label for="hse_route-online">Online</label>
      </div>
      <div class="checkbox option">
        <input type="radio" id="hse_route-test_centre" name="hse_route" value="test_centre"<?cs if:Hse.route == "test_centre" ?> checked<?cs /if ?>>
        <label for="hse_route-test_centre">At a test centre</label>
      </div>
    </fieldset>
    <button class="btn btn-secondary" type="submit">SAVE ASSESSMENT CHOICE</button>
  </form>
<?cs /if ?>
</section>

<section id="evidence" aria-labelledby="evidence-title">
  <h2 id="evidence-title">Qualifications &amp; documents added</h2>
  <div class="table-wrap">
    <table class="table" id="evidence-table">
      <thead>
        <tr><th scope="col">Awarding Body</th><th scope="col">Certificate No.</th><th scope="col">Qualification</th><th scope="col">Status</th><th scope="col">Document</th></tr>
      </thead>
      <tbody>
<?cs each:e = Evidence ?>
        <tr>
          <td><?cs var:e.body ?></td>
          <td class="nowrap"><?cs var:e.number ?></td>
          <td><?cs var:e.qualification ?></td>
          <td><span class="tag<?cs if:e.status == "Verified" || e.status == "Automatically verified" ?> tag-green<?cs elif:e.status == "Rejected" || e.status == "Not verified" ?> tag-red<?cs else ?> tag-amber<?cs /if ?>"><?cs var:e.status ?></span></td>
          <td><?cs if:e.document_url ?><a href="<?cs var:e.document_url ?>">View document</a><?cs else ?><span class="hint">None</span><?cs /if ?></td>
        </tr>
<?cs /each ?>
<?cs if:!?Evidence.0.status && !?Evidence.0.body ?>
        <tr><td colspan="5" class="empty">No qualifications or documents added yet.</td></tr>
<?cs /if ?>
      </tbody>
    </table>
  </div>
</section>

<div class="evidence-routes">
  <section class="panel" id="upload" aria-labelledby="upload-title">
    <h2 class="route-title" id="upload-title">UPLOAD DOCUMENT AND ATTEMPT AUTOMATIC DETECTION</h2>
    <p>Select the certificate or document to upload. The system will try to detect and verify it.
    If it cannot be read or does not match the details held, enter the details manually.</p>
    <form class="form" id="document-form" method="post" action="<?cs var:Page.base ?>/applications/<?cs var:App.id ?>/document" enctype="multipart/form-data">
      <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
      <fieldset class="fieldset<?cs if:Form.purpose.error ?> field-invalid<?cs /if ?>"<?cs if:Form.purpose.error ?> aria-describedby="purpose-error"<?cs /if ?>>
        <legend>This document is</legend>
<?cs if:Form.purpose.error ?>
        <p class="field-error" id="purpose-error"><span class="visually-hidden">Error: </span><?cs var:Form.purpose.error ?></p>
<?cs /if ?>
        <div class="checkbox option">
          <input type="radio" id="purpose-qualification" name="purpose" value="qualification"<?cs if:Form.purpose.value != "exemption" ?> checked<?cs /if ?>>
          <label for="purpose-qualification">A qualification certificate</label>
        </div>
        <div class="checkbox option">
          <input type="radio" id="purpose-exemption" name="purpose" value="exemption"<?cs if:Form.purpose.value == "exemption" ?> checked<?cs /if ?>>
          <label for="purpose-exemption">A Health, Safety &amp; Environmental Assessment exemption</label>
        </div>
      </fieldset>
      <div class="field<?cs if:Form.document.error ?> field-invalid<?cs /if ?>">
        <label for="document">Document</label>
        <span class="hint" id="document-hint">A PDF, JPEG or PNG file.</span>
<?cs if:Form.document.error ?>
        <p class="field-error" id="document-error"><span class="visually-hidden">Error: </span><?cs var:Form.document.error ?></p>
<?cs /if ?>
        <input class="input input-file" type="file" id="document" name="document" accept=".pdf,image/jpeg,image/png" required
               aria-describedby="document-hint<?cs if:Form.document.error ?> document-error<?cs /if ?>"<?cs if:Form.document.error ?> aria-invalid="true"<?cs /if ?>>
      </div>
      <button class="btn btn-secondary" type="submit">UPLOAD DOCUMENT</button>
    </form>
  </section>

  <section class="panel" id="manual" aria-labelledby="manual-title">
    <h2 class="route-title" id="manual-title"><span class="route-or">OR</span> ENTER THE CERTIFICATE/DOCUMENT DETAILS MANUALLY</h2>
    <p>Choose the qualification's <strong>Awarding Body</strong> or <strong>Reference Type</strong>, enter the details and click <strong>CHECK DETAILS</strong>.</p>
    <form class="form" id="check-form" method="post" action="<?cs var:Page.base ?>/applications/<?cs var:App.id ?>/check" novalidate>
      <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
      <div class="field<?cs if:Form.awarding_body.error ?> field-invalid<?cs /if ?>">
        <label for="awarding_body">Awarding Body or Reference Type</label>
<?cs if:Form.awarding_body.error ?>
        <p class="field-error" id="awarding_body-error"><span class="visually-hidden">Error: </span><?cs var:Form.awarding_body.error ?></p>
<?cs /if ?>
        <select class="select" id="awarding_body" name="awarding_body" required<?cs if:Form.awarding_body.error ?>
                aria-invalid="true" aria-describedby="awarding_body-error"<?cs /if ?>>
          <option value="">Choose an awarding body or reference type</option>
<?cs each:b = Bodies ?>
          <option value="<?cs var:b.code ?>"<?cs if:b.code == Form.awarding_body.value ?> selected<?cs /if ?>><?cs var:b.name ?></option>
<?cs /each ?>
        </select>
      </div>
      <div class="form-grid">
        <div class="field<?cs if:Form.certificate_number.error ?> field-invalid<?cs /if ?>">
          <label for="certificate_number">Certificate or reference number</label>
<?cs if:Form.certificate_number.error ?>
          <p class="field-error" id="certificate_number-error"><span class="visually-hidden">Error: </span><?cs var:Form.certificate_number.error ?></p>
<?cs /if ?>
          <input class="input" type="text" id="certificate_number" name="certificate_number" value="<?cs var:Form.certificate_number.value ?>"
                 autocomplete="off" spellcheck="false" required<?cs if:Form.certificate_number.error ?> aria-invalid="true" aria-describedby="certificate_number-error"<?cs /if ?>>
        </div>
        <div class="field<?cs if:Form.awarded_on.error ?> field-invalid<?cs /if ?>">
          <label for="awarded_on">Date awarded</label>
<?cs if:Form.awarded_on.error ?>
          <p class="field-error" id="awarded_on-error"><span class="visually-hidden">Error: </span><?cs var:Form.awarded_on.error ?></p>
<?cs /if ?>
          <input class="input input-short" type="date" id="awarded_on" name="awarded_on" value="<?cs var:Form.awarded_on.value ?>"
                 required<?cs if:Form.awarded_on.error ?> aria-invalid="true" aria-describedby="awarded_on-error"<?cs /if ?>>
        </div>
      </div>
      <button class="btn btn-secondary" type="submit">CHECK DETAILS</button>
    </form>
  </section>
</div>

<div class="actions actions-split">
  <a class="btn btn-plain" href="<?cs var:Page.base ?>/applications/<?cs var:App.id ?>/step1"><span aria-hidden="true">&lt; </span>Previous step</a>
  <a class="btn btn-primary" id="next-step" href="<?cs var:Page.base ?>/applications/<?cs var:App.id ?>/step3">NEXT STEP &gt;</a>
</div>
<?cs include:"layout/footer.cs" ?>
