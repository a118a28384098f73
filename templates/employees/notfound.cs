<?cs # Lookup result: no ECS record, so the company creates one (guide 1.2).
     Posts to /employees/create.
     Reads: Lookup.token, Lookup.ni, Lookup.dob (dd/mm/yyyy, shown, not re-typed),
     Form.title/first_name/last_name/gender/office_id/started_on/declaration .value/.error,
     Form.error, Titles.N, Genders.N.value/label, Offices.N.id/name,
     Declaration.user, Declaration.company, Session.csrf, Page.base.
     Tests: the page's panel is id="not-found", the declaration is id="declaration"
     (its check box is id="declaration-confirm", name="declaration", value="yes"). ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Add New Employee</h1>
  <p class="lead">No ECS record matches these details. Fill in the details below to add this operative.</p>
</div>
<?cs if:Form.error ?>
<div class="alert" role="alert" id="form-error">
  <p><?cs var:Form.error ?></p>
</div>
<?cs /if ?>
<div class="panel" id="not-found">
  <h2>Employee not found</h2>
  <form class="form" id="create-form" method="post" action="<?cs var:Page.base ?>/employees/create" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="token" value="<?cs var:Lookup.token ?>">
    <div class="field<?cs if:Form.title.error ?> field-invalid<?cs /if ?>">
      <label for="title">Title</label>
<?cs if:Form.title.error ?>
      <p class="field-error" id="title-error"><span class="visually-hidden">Error: </span><?cs var:Form.title.error ?></p>
<?cs /if ?>
      <select class="select input-short" id="title" name="title"<?cs if:Form.title.error ?>
              aria-invalid="true" aria-describedby="title-error"<?cs /if ?>>
        <option value="">Not given</option>
<?cs each:t = Titles ?>
        <option value="<?cs var:t ?>"<?cs if:t == Form.title.value ?> selected<?cs /if ?>><?cs var:t ?></option>
<?cs /each ?>
      </select>
    </div>
    <div class="form-grid">
      <div class="field<?cs if:Form.first_name.error ?> field-invalid<?cs /if ?>">
        <label for="first_name">First Name*</label>
<?cs if:Form.first_name.error ?>
        <p class="field-error" id="first_name-error"><span class="visually-hidden">Error: </span><?cs var:Form.first_name.error ?></p>
<?cs /if ?>
        <input class="input" type="text" id="first_name" name="first_name" value="<?cs var:Form.first_name.value ?>"
               autocomplete="off" spellcheck="false" required<?cs if:Form.first_name.error ?>
               aria-invalid="true" aria-describedby="first_name-error"<?cs /if ?>>
      </div>
      <div class="field<?cs if:Form.last_name.error ?> field-invalid<?cs /if ?>">
        <label for="last_name">Last Name*</label>
<?cs if:Form.last_name.error ?>
        <p class="field-error" id="last_name-error"><span class="visually-hidden">Error: </span><?cs var:Form.last_name.error ?></p>
<?cs /if ?>
        <input class="input" type="text" id="last_name" name="last_name" value="<?cs var:Form.last_name.value ?>"
               autocomplete="off" spellcheck="false" required<?cs if:Form.last_name.error ?>
               aria-invalid="true" aria-describedby="last_name-error"<?cs /if ?>>
      </div>
    </div>
    <dl class="summary-list">
      <dt>NI Number</dt>
      <dd id="notfound-ni"><?cs var:Lookup.ni ?></dd>
      <dt>Date of Birth</dt>
      <dd id="notfound-dob"><?cs var:Lookup.dob ?></dd>
    </dl>
    <div class="form-grid">
      <div class="field<?cs if:Form.gender.error ?> field-invalid<?cs /if ?>">
        <label for="gender">Gender</label>
<?cs if:Form.gender.error ?>
        <p class="field-error" id="gender-error"><span class="visually-hidden">Error: </span><?cs var:Form.gender.error ?></p>
<?cs /if ?>
        <select class="select" id="gender" name="gender"<?cs if:Form.gender.error ?>
                aria-invalid="true" aria-describedby="gender-error"<?cs /if ?>>
          <option value="">Not given</option>
<?cs each:g = Genders ?>
          <option value="<?cs var:g.value ?>"<?cs if:g.value == Form.gender.value ?> selected<?cs /if ?>><?cs var:g.label ?></option>
<?cs /each ?>
        </select>
      </div>
      <div class="field<?cs if:Form.office_id.error ?> field-invalid<?cs /if ?>">
        <label for="office_id">Office*</label>
<?cs if:Form.office_id.error ?>
        <p class="field-error" id="office_id-error"><span class="visually-hidden">Error: </span><?cs var:Form.office_id.error ?></p>
<?cs /if ?>
        <select class="select" id="office_id" name="office_id" required<?cs if:Form.office_id.error ?>
                aria-invalid="true" aria-describedby="office_id-error"<?cs /if ?>>
          <option value="">Choose an office</option>
<?cs each:o = Offices ?>
          <option value="<?cs var:o.id ?>"<?cs if:o.id == Form.office_id.value ?> selected<?cs /if ?>><?cs var:o.name ?></option>
<?cs /each ?>
        </select>
      </div>
    </div>
    <fieldset class="fieldset declaration" id="declaration">
      <legend>Declaration</legend>
      <div class="field<?cs if:Form.started_on.error ?> field-invalid<?cs /if ?>">
<?cs if:Form.started_on.error ?>
        <p class="field-error" id="started_on-error"><span class="visually-hidden">Error: </span><?cs var:Form.started_on.error ?></p>
<?cs /if ?>
        <p class="declaration-text">I <strong><?cs var:Declaration.user ?></strong>
      hereby confirm that the operative shown above started work with
      <strong><?cs var:Declaration.company ?></strong> on
      <label class="visually-hidden" for="started_on">Date started work</label><input class="input input-inline" type="date" id="started_on" name="started_on" value="<?cs var:Form.started_on.value ?>" required<?cs if:Form.started_on.error ?>
             aria-invalid="true" aria-describedby="started_on-error"<?cs /if ?>>
      and that we have the right to view and modify their details.</p>
      </div>
      <div class="field<?cs if:Form.declaration.error ?> field-invalid<?cs /if ?>">
<?cs if:Form.declaration.error ?>
        <p class="field-error" id="declaration-error"><span class="visually-hidden">Error: </span><?cs var:Form.declaration.error ?></p>
<?cs /if ?>
        <div class="checkbox">
          <input type="checkbox" id="declaration-confirm" name="declaration" value="yes"<?cs if:Form.declaration.value == "yes" ?> checked<?cs /if ?> required<?cs if:Form.declaration.error ?>
                 aria-invalid="true" aria-describedby="declaration-error"<?cs /if ?>>
          <label for="declaration-confirm">I confirm the declaration above.</label>
        </div>
      </div>
    </fieldset>
    <div class="actions">
      <button class="btn btn-primary" type="submit">CONFIRM &amp; CONTINUE</button>
      <a href="<?cs var:Page.base ?>/employees/add">Look up someone else</a>
    </div>
  </form>
</div>
<?cs include:"layout/footer.cs" ?>
