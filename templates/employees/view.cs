<?cs # One employee's record.
     Reads: Employee.id/title/first_name/last_name/ni/dob/gender/address_line1/
     address_line2/town/postcode/business_phone/business_email/hse/hse_number/
     hse_passed/ecs_registered/current (1 while employed),
     Cards.N.number/type/occupation/grade/issued/expires/status,
     Applications.N.reference/type/state, History.N.office/started/ended
     (ended empty while employed there), Can.change, Can.remove,
     Form.address_line1/address_line2/town/postcode/business_phone/business_email
     .value/.error (a field with no Form value shows the Employee value),
     Form.ended_on.value/error, Form.error, Session.csrf, Page.base.
     The contact form (POST /employees/ID/contact) shows only with Can.change;
     the leave form (POST /employees/ID/leave) only with Can.remove and
     Employee.current. ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1 id="employee-name"><?cs if:Employee.title ?><?cs var:Employee.title ?> <?cs /if ?><?cs var:Employee.first_name ?> <?cs var:Employee.last_name ?></h1>
  <p class="lead"><?cs if:Employee.current ?><span class="tag tag-green" id="employee-status">Current employee</span><?cs else ?><span class="tag tag-grey" id="employee-status">Former employee</span><?cs /if ?></p>
</div>
<?cs if:Form.error ?>
<div class="alert" role="alert" id="form-error">
  <p><?cs var:Form.error ?></p>
</div>
<?cs /if ?>

<section class="panel" id="personal-details" aria-labelledby="personal-title">
  <h2 id="personal-title">Personal details</h2>
  <dl class="summary-list">
    <dt>Title</dt><dd><?cs var:Employee.title ?></dd>
    <dt>First Name</dt><dd><?cs var:Employee.first_name ?></dd>
    <dt>Last Name</dt><dd><?cs var:Employee.last_name ?></dd>
    <dt>NI Number</dt><dd><?cs var:Employee.ni ?></dd>
    <dt>Date of Birth</dt><dd><?cs var:Employee.dob ?></dd>
    <dt>Gender</dt><dd><?cs var:Employee.gender ?></dd>
  </dl>
  <p class="hint">Note: Key personal details (Name, DOB, and NI number) are not editable.</p>
</section>

<section class="panel" id="contact-details" aria-labelledby="contact-title">
  <h2 id="contact-title">Contact details</h2>
<?cs if:Can.change ?>
  <p class="hint">Please make sure that the contact details are correct: cards issued from applications are sent to this address.</p>
  <form class="form form-wide" id="contact-form" method="post" action="<?cs var:Page.base ?>/employees/<?cs var:Employee.id ?>/contact" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <div class="form-grid">
      <div class="field<?cs if:Form.address_line1.error ?> field-invalid<?cs /if ?>">
        <label for="address_line1">Address line 1</label>
<?cs if:Form.address_line1.error ?>
        <p class="field-error" id="address_line1-error"><span class="visually-hidden">Error: </span><?cs var:Form.address_line1.error ?></p>
<?cs /if ?>
        <input class="input" type="text" id="address_line1" name="address_line1" value="<?cs if:?Form.address_line1.value ?><?cs var:Form.address_line1.value ?><?cs else ?><?cs var:Employee.address_line1 ?><?cs /if ?>"
               autocomplete="off"<?cs if:Form.address_line1.error ?> aria-invalid="true" aria-describedby="address_line1-error"<?cs /if ?>>
      </div>
      <div class="field<?cs if:Form.address_line2.error ?> field-invalid<?cs /if ?>">
        <label for="address_line2">Address line 2</label>
<?cs if:Form.address_line2.error ?>
        <p class="field-error" id="address_line2-error"><span class="visually-hidden">Error: </span><?cs var:Form.address_line2.error ?></p>
<?cs /if ?>
        <input class="input" type="text" id="address_line2" name="address_line2" value="<?cs if:?Form.address_line2.value ?><?cs var:Form.address_line2.value ?><?cs else ?><?cs var:Employee.address_line2 ?><?cs /if ?>"
               autocomplete="off"<?cs if:Form.address_line2.error ?> aria-invalid="true" aria-describedby="address_line2-error"<?cs /if ?>>
      </div>
      <div class="field<?cs if:Form.town.error ?> field-invalid<?cs /if ?>">
        <label for="town">Town</label>
<?cs if:Form.town.error ?>
        <p class="field-error" id="town-error"><span class="visually-hidden">Error: </span><?cs var:Form.town.error ?></p>
<?cs /if ?>
        <input class="input" type="text" id="town" name="town" value="<?cs if:?Form.town.value ?><?cs var:Form.town.value ?><?cs else ?><?cs var:Employee.town ?><?cs /if ?>"
               autocomplete="off"<?cs if:Form.town.error ?> aria-invalid="true" aria-describedby="town-error"<?cs /if ?>>
      </div>
      <div class="field<?cs if:Form.postcode.error ?> field-invalid<?cs /if ?>">
        <label for="postcode">Postcode</label>
<?cs if:Form.postcode.error ?>
        <p class="field-error" id="postcode-error"><span class="visually-hidden">Error: </span><?cs var:Form.postcode.error ?></p>
<?cs /if ?>
        <input class="input input-short" type="text" id="postcode" name="postcode" value="<?cs if:?Form.postcode.value ?><?cs var:Form.postcode.value ?><?cs else ?><?cs var:Employee.postcode ?><?cs /if ?>"
               autocomplete="off" autocapitalize="characters"<?cs if:Form.postcode.error ?> aria-invalid="true" aria-describedby="postcode-error"<?cs /if ?>>
      </div>
      <div class="field<?cs if:Form.business_phone.error ?> field-invalid<?cs /if ?>">
        <label for="business_phone">Business Phone (direct dial)</label>
<?cs if:Form.business_phone.error ?>
        <p class="field-error" id="business_phone-error"><span class="visually-hidden">Error: </span><?cs var:Form.business_phone.error ?></p>
<?cs /if ?>
        <input class="input" type="tel" id="business_phone" name="business_phone" value="<?cs if:?Form.business_phone.value ?><?cs var:Form.business_phone.value ?><?cs else ?><?cs var:Employee.business_phone ?><?cs /if ?>"
               autocomplete="off"<?cs if:Form.business_phone.error ?> aria-invalid="true" aria-describedby="business_phone-error"<?cs /if ?>>
      </div>
      <div class="field<?cs if:Form.business_email.error ?> field-invalid<?cs /if ?>">
        <label for="business_email">Business Email (direct email)</label>
<?cs if:Form.business_email.error ?>
        <p class="field-error" id="business_email-error"><span class="visually-hidden">Error: </span><?cs var:Form.business_email.error ?></p>
<?cs /if ?>
        <input class="input" type="email" id="business_email" name="business_email" value="<?cs if:?Form.business_email.value ?><?cs var:Form.business_email.value ?><?cs else ?><?cs var:Employee.business_email ?><?cs /if ?>"
               autocomplete="off" spellcheck="false" autocapitalize="none"<?cs if:Form.business_email.error ?> aria-invalid="true" aria-describedby="business_email-error"<?cs /if ?>>
      </div>
    </div>
    <div class="actions">
      <button class="btn btn-primary" type="submit">SAVE CONTACT DETAILS</button>
    </div>
  </form>
<?cs else ?>
  <dl class="summary-list">
    <dt>Address</dt>
    <dd><?cs if:Employee.address_line1 ?><?cs var:Employee.address_line1 ?><br><?cs /if ?><?cs if:Employee.address_line2 ?><?cs var:Employee.address_line2 ?><br><?cs /if ?><?cs if:Employee.town ?><?cs var:Employee.town ?><br><?cs /if ?><?cs var:Employee.postcode ?></dd>
    <dt>Business Phone (direct dial)</dt><dd><?cs var:Employee.business_phone ?></dd>
    <dt>Business Email (direct email)</dt><dd><?cs var:Employee.business_email ?></dd>
  </dl>
<?cs /if ?>
</section>

<section id="cards" aria-labelledby="cards-title">
  <h2 id="cards-title">ECS cards</h2>
  <div class="table-wrap">
    <table class="table" id="cards-table">
      <thead>
        <tr><th scope="col">Card No.</th><th scope="col">Card Type</th><th scope="col">Occupation</th><th scope="col">Grade</th><th scope="col">Issued</th><th scope="col">Expires</th><th scope="col">Status</th></tr>
      </thead>
      <tbody>
<?cs each:c = Cards ?>
        <tr><td class="nowrap"><?cs var:c.number ?></td><td><?cs var:c.type ?></td><td><?cs var:c.occupation ?></td><td><?cs var:c.grade ?></td><td class="nowrap"><?cs var:c.issued ?></td><td class="nowrap"><?cs var:c.expires ?></td><td><?cs var:c.status ?></td></tr>
<?cs /each ?>
<?cs if:!?Cards.0.number ?>
        <tr><td colspan="7" class="empty">No ECS cards.</td></tr>
<?cs /if ?>
      </tbody>
    </table>
  </div>
</section>

<section class="panel" id="hse" aria-labelledby="hse-title">
  <h2 id="hse-title">Health, Safety &amp; Environmental Assessment</h2>
  <dl class="summary-list">
    <dt>HS&amp;E status</dt>
    <dd><span class="tag<?cs if:Employee.hse == "Passed" ?> tag-green<?cs elif:Employee.hse != "Exempt" ?> tag-grey<?cs /if ?>" id="hse-status"><?cs var:Employee.hse ?></span></dd>
<?cs if:Employee.hse_number ?>
    <dt>H &amp; S Assessment Number</dt><dd><?cs var:Employee.hse_number ?></dd>
<?cs /if ?>
<?cs if:Employee.hse_passed ?>
    <dt>Passed on</dt><dd><?cs var:Employee.hse_passed ?></dd>
<?cs /if ?>
    <dt>ECS Registered Electrician Scheme</dt>
    <dd><?cs if:Employee.ecs_registered ?><?cs var:Employee.ecs_registered ?><?cs else ?>Not registered<?cs /if ?></dd>
  </dl>
</section>

<section id="applications" aria-labelledby="applications-title">
  <h2 id="applications-title">Card applications</h2>
  <div class="table-wrap">
    <table class="table" id="applications-table">
      <thead><tr><th scope="col">Reference</th><th scope="col">Application Type</th><th scope="col">Status</th></tr></thead>
      <tbody>
<?cs each:a = Applications ?>
        <tr><td><span class="reference"><?cs var:a.reference ?></span></td><td><?cs var:a.type ?></td><td><?cs var:a.state ?></td></tr>
<?cs /each ?>
<?cs if:!?Applications.0.reference ?>
        <tr><td colspan="3" class="empty">No card applications.</td></tr>
<?cs /if ?>
      </tbody>
    </table>
  </div>
</section>

<section id="history" aria-labelledby="history-title">
  <h2 id="history-title">Employment history</h2>
  <div class="table-wrap">
    <table class="table" id="history-table">
      <thead><tr><th scope="col">Office</th><th scope="col">Started</th><th scope="col">Ended</th></tr></thead>
      <tbody>
<?cs each:h = History ?>
        <tr><td><?cs var:h.office ?></td><td class="nowrap"><?cs var:h.started ?></td><td class="nowrap"><?cs if:h.ended ?><?cs var:h.ended ?><?cs else ?><span class="tag tag-green">Current</span><?cs /if ?></td></tr>
<?cs /each ?>
<?cs if:!?History.0.started ?>
        <tr><td colspan="3" class="empty">No employment history.</td></tr>
<?cs /if ?>
      </tbody>
    </table>
  </div>
</section>

<?cs if:Can.remove && Employee.current ?>
<section class="panel panel-warning" id="leave" aria-labelledby="leave-title">
  <h2 id="leave-title">End employment</h2>
  <p>When this operative leaves your company, record the date they left. They will no longer
  appear in your current employees; their record stays in your history.</p>
  <form class="form" id="leave-form" method="post" action="<?cs var:Page.base ?>/employees/<?cs var:Employee.id ?>/leave" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <div class="field<?cs if:Form.ended_on.error ?> field-invalid<?cs /if ?>">
      <label for="ended_on">Date employment ended*</label>
<?cs if:Form.ended_on.error ?>
      <p class="field-error" id="ended_on-error"><span class="visually-hidden">Error: </span><?cs var:Form.ended_on.error ?></p>
<?cs /if ?>
      <input class="input input-short" type="date" id="ended_on" name="ended_on" value="<?cs var:Form.ended_on.value ?>" required<?cs if:Form.ended_on.error ?>
             aria-invalid="true" aria-describedby="ended_on-error"<?cs /if ?>>
    </div>
    <div class="actions">
      <button class="btn btn-warning" type="submit">END EMPLOYMENT</button>
    </div>
  </form>
</section>
<?cs /if ?>
<p><a href="<?cs var:Page.base ?>/employees/current">Back to Current Employees</a></p>
<?cs include:"layout/footer.cs" ?>
