<?cs # Step 1 - Applicant Details (guide 1.3).
     Reads: App.id/reference/name/type, Steps.N.* (applications/steps.cs),
     Applicant.title/first_name/last_name/ni/dob (shown, not editable),
     Photo.url (when the application has one), Photo.reusable (1 when a photo
     is held for the operative and not yet on this application),
     Form.photo.error, Form.business_phone/business_email/delivery_office_id
     .value/.error, Offices.N.id/name/address (address: the delivery address
     lines), Form.error, Session.csrf, Page.base.
     Forms: id="photo-form" (multipart POST /applications/ID/photo, file
     "photo"), id="reuse-form" (POST /applications/ID/photo/reuse, only with
     Photo.reusable), id="step1-form" (POST /applications/ID/step1). The
     photo is id="photo-thumb". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <p class="app-kicker">Card application<?cs if:App.reference ?> <span class="reference"><?cs var:App.reference ?></span><?cs /if ?></p>
  <h1>Step 1 - Applicant Details</h1>
  <p class="lead"><strong><?cs var:App.name ?></strong><?cs if:App.type ?> &middot; <?cs var:App.type ?><?cs /if ?></p>
</div>
<?cs include:"applications/steps.cs" ?>
<?cs if:Form.error ?>
<div class="alert" role="alert" id="form-error">
  <p><?cs var:Form.error ?></p>
</div>
<?cs /if ?>
<div class="notice" id="contact-note">
  <p>Please make sure that the contact details are correct. This is the address that the card issued from this application will be sent to. Note: Key personal details (Name, DOB, and NI number) are not editable.</p>
</div>

<section class="panel" id="applicant" aria-labelledby="applicant-title">
  <h2 id="applicant-title">Applicant</h2>
  <dl class="summary-list">
    <dt>Title</dt><dd><?cs var:Applicant.title ?></dd>
    <dt>First Name</dt><dd><?cs var:Applicant.first_name ?></dd>
    <dt>Last Name</dt><dd><?cs var:Applicant.last_name ?></dd>
    <dt>NI Number</dt><dd><?cs var:Applicant.ni ?></dd>
    <dt>Date of Birth</dt><dd><?cs var:Applicant.dob ?></dd>
  </dl>
</section>

<section class="panel" id="photo" aria-labelledby="photo-title">
  <h2 id="photo-title">Photo</h2>
  <div class="photo-row">
    <div class="photo-frame">
<?cs if:Photo.url ?>
      <img class="photo-thumb" id="photo-thumb" src="<?cs var:Photo.url ?>" alt="Photo of <?cs var:App.name ?>" width="150" height="190">
<?cs else ?>
      <p class="photo-none" id="photo-none">No photo yet</p>
<?cs /if ?>
    </div>
    <div class="photo-forms">
      <p>Each application needs a recent colour photo of the applicant's head and shoulders.
      Please click the link below for guidance on accepted photos.</p>
      <p><a id="photo-guidance" href="https://ecsprodstorkentico.blob.core.windows.net/ecs-public-media/jib.ecs.portals.web/media/root/downloads/documents/ecs-photo-guidance.pdf" rel="noopener noreferrer">ECS photo guidance (PDF)</a></p>
<?cs if:Photo.reusable ?>
      <form class="form form-inline" id="reuse-form" method="post" action="<?cs var:Page.base ?>/applications/<?cs var:App.id ?>/photo/reuse">
        <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
        <p class="hint">A photo of this applicant is already held. You can use it for this application instead of uploading a new one.</p>
        <button class="btn btn-secondary btn-small" type="submit">USE THE PHOTO ALREADY HELD</button>
      </form>
<?cs /if ?>
      <form class="form" id="photo-form" method="post" action="<?cs var:Page.base ?>/applications/<?cs var:App.id ?>/photo" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
        <div class="field<?cs if:Form.photo.error ?> field-invalid<?cs /if ?>">
          <label for="photo-file"><?cs if:Photo.url ?>Replace the photo<?cs else ?>Upload a photo<?cs /if ?></label>
          <span class="hint" id="photo-hint">A JPEG or PNG image.</span>
<?cs if:Form.photo.error ?>
          <p class="field-error" id="photo-error"><span class="visually-hidden">Error: </span><?cs var:Form.photo.error ?></p>
<?cs /if ?>
          <input class="input input-file" type="file" id="photo-file" name="photo" accept="image/jpeg,image/png" required
                 aria-describedby="photo-hint<?cs if:Form.photo.error ?> photo-error<?cs /if ?>"<?cs if:Form.photo.error ?> aria-invalid="true"<?cs /if ?>>
        </div>
        <button class="btn btn-secondary" type="submit">UPLOAD PHOTO</button>
      </form>
    </div>
  </div>
</section>

<section class="panel" id="contact" aria-labelledby="contact-title">
  <h2 id="contact-title">Contact details</h2>
  <form class="form form-wide" id="step1-form" method="post" action="<?cs var:Page.base ?>/applications/<?cs var:App.id ?>/step1" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <div class="form-grid">
      <div class="field<?cs if:Form.business_phone.error ?> field-invalid<?cs /if ?>">
        <label for="business_phone">Business Phone (direct dial)</label>
<?cs if:Form.business_phone.error ?>
        <p class="field-error" id="business_phone-error"><span class="visually-hidden">Error: </span><?cs var:Form.business_phone.error ?></p>
<?cs /if ?>
        <input class="input" type="tel" id="business_phone" name="business_phone" value="<?cs var:Form.business_phone.value ?>"
               autocomplete="off"<?cs if:Form.business_phone.error ?> aria-invalid="true" aria-describedby="business_phone-error"<?cs /if ?>>
      </div>
      <div class="field<?cs if:Form.business_email.error ?> field-invalid<?cs /if ?>">
        <label for="business_email">Business Email (direct email)</label>
<?cs if:Form.business_email.error ?>
        <p class="field-error" id="business_email-error"><span class="visually-hidden">Error: </span><?cs var:Form.business_email.error ?></p>
<?cs /if ?>
        <input class="input" type="email" id="business_email" name="business_email" value="<?cs var:Form.business_email.value ?>"
               autocomplete="off" spellcheck="false" autocapitalize="none"<?cs if:Form.business_email.error ?> aria-invalid="true" aria-describedby="business_email-error"<?cs /if ?>>
      </div>
    </div>
    <fieldset class="fieldset<?cs if:Form.delivery_office_id.error ?> field-invalid<?cs /if ?>" id="delivery"<?cs if:Form.delivery_office_id.error ?> aria-describedby="delivery_office_id-error"<?cs /if ?>>
      <legend>Delivery address</legend>
      <p class="hint">The card issued from this application will be sent to this address.</p>
<?cs if:Form.delivery_office_id.error ?>
      <p class="field-error" id="delivery_office_id-error"><span class="visually-hidden">Error: </span><?cs var:Form.delivery_office_id.error ?></p>
<?cs /if ?>
<?cs each:o = Offices ?>
      <div class="checkbox option">
        <input type="radio" id="delivery_office_id-<?cs var:o.id ?>" name="delivery_office_id" value="<?cs var:o.id ?>"<?cs if:o.id == Form.delivery_office_id.value ?> checked<?cs /if ?>>
        <label for="delivery_office_id-<?cs var:o.id ?>"><strong><?cs var:o.name ?></strong><?cs if:o.address ?><span class="option-detail"><?cs var:o.address ?></span><?cs /if ?></label>
      </div>
<?cs /each ?>
<?cs if:!?Offices.0.id ?>
      <p class="empty-inline">No office address is available to you.</p>
<?cs /if ?>
    </fieldset>
    <div class="actions">
      <button class="btn btn-primary" type="submit">SAVE &amp; NEXT STEP &gt;</button>
      <a href="<?cs var:Page.base ?>/applications/attention">Back to Applications Requiring Attention</a>
    </div>
  </form>
</section>
<?cs include:"layout/footer.cs" ?>
