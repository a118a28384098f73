<?cs # Lookup result: the operative exists (guide 1.2). Posts to /employees/confirm.
     Reads: Lookup.token, Lookup.name, Lookup.ni, Lookup.cards.N.number/type/expires,
     Lookup.already (1 when already employed here), Lookup.employee_url,
     Offices.N.id/name, Form.office_id.value/error, Form.started_on.value/error,
     Form.error, Session.csrf, Page.base.
     Tests: the result is id="found"; the already-employed notice is
     id="already-employed" (no confirm form then). ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Add New Employee</h1>
  <p class="lead">A matching ECS record was found.</p>
</div>
<?cs if:Form.error ?>
<div class="alert" role="alert" id="form-error">
  <p><?cs var:Form.error ?></p>
</div>
<?cs /if ?>
<section class="panel" id="found" aria-labelledby="found-title">
  <h2 id="found-title">Employee found</h2>
  <dl class="summary-list">
    <dt>Employee Name</dt>
    <dd id="found-name"><?cs var:Lookup.name ?></dd>
    <dt>NI Number</dt>
    <dd id="found-ni"><?cs var:Lookup.ni ?></dd>
  </dl>
<?cs if:?Lookup.cards.0.number ?>
  <div class="table-wrap">
    <table class="table">
      <caption>ECS cards</caption>
      <thead><tr><th scope="col">Card No.</th><th scope="col">Card Type</th><th scope="col">Expires</th></tr></thead>
      <tbody>
<?cs each:c = Lookup.cards ?>
        <tr><td><?cs var:c.number ?></td><td><?cs var:c.type ?></td><td><?cs var:c.expires ?></td></tr>
<?cs /each ?>
      </tbody>
    </table>
  </div>
<?cs else ?>
  <p class="hint">This operative holds no ECS card at present.</p>
<?cs /if ?>
</section>
<?cs if:Lookup.already ?>
<div class="notice notice-warning" id="already-employed" role="status">
  <?cs if:Lookup.employee_url ?>
  <p>This operative is already one of your employees.
  <a href="<?cs var:Lookup.employee_url ?>">View their record</a>.</p>
  <?cs else ?>
  <p>This operative is already employed by your company, at an office outside your level.
  An administrator at company level can see their record.</p>
  <?cs /if ?>
</div>
<p class="actions">
  <a class="btn btn-secondary" href="<?cs var:Page.base ?>/employees/add">Look up another employee</a>
</p>
<?cs else ?>
<div class="panel">
  <h2>Add to your employees</h2>
  <p>If this is the person you are adding, choose the office they work from and the date they
  started, then click <strong>CONFIRM &amp; CONTINUE</strong>.</p>
  <form class="form" id="confirm-form" method="post" action="<?cs var:Page.base ?>/employees/confirm" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <input type="hidden" name="token" value="<?cs var:Lookup.token ?>">
    <div class="field<?cs if:Form.office_id.error ?> field-invalid<?cs /if ?>">
      <label for="office_id">Office*</label>
<?cs if:Form.office_id.error ?>
      <p class="field-error" id="office_id-error"><span class="visually-hidden">Error: </span><?cs var:Form.office_id.error ?></p>
<?cs /if ?>
      <select class="select input-medium" id="office_id" name="office_id" required<?cs if:Form.office_id.error ?>
              aria-invalid="true" aria-describedby="office_id-error"<?cs /if ?>>
        <option value="">Choose an office</option>
<?cs each:o = Offices ?>
        <option value="<?cs var:o.id ?>"<?cs if:o.id == Form.office_id.value ?> selected<?cs /if ?>><?cs var:o.name ?></option>
<?cs /each ?>
      </select>
    </div>
    <div class="field<?cs if:Form.started_on.error ?> field-invalid<?cs /if ?>">
      <label for="started_on">Date started work*</label>
<?cs if:Form.started_on.error ?>
      <p class="field-error" id="started_on-error"><span class="visually-hidden">Error: </span><?cs var:Form.started_on.error ?></p>
<?cs /if ?>
      <input class="input input-short" type="date" id="started_on" name="started_on" value="<?cs var:Form.started_on.value ?>" required<?cs if:Form.started_on.error ?>
             aria-invalid="true" aria-describedby="started_on-error"<?cs /if ?>>
    </div>
    <div class="actions">
      <button class="btn btn-primary" type="submit">CONFIRM &amp; CONTINUE</button>
      <a href="<?cs var:Page.base ?>/employees/add">Look up someone else</a>
    </div>
  </form>
</div>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
