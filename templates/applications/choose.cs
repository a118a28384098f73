<?cs # Choose Application Types (guide 1.3): one row per employee ticked in
     Current Employees; posts to /applications/create.
     Reads: Rows.N.operative/name/ni_masked/hse/photo/error/existing_url,
     Rows.N.choices.M.value/label (value like craft:initial), Rows.N.selected
     (the value chosen before, when the form comes back with errors; else the
     first choice is selected), Form.error, Session.csrf, Page.base.
     Each row that can be applied for carries a hidden "operative" input and a
     select "choice", in that order, so the two repeat in row order. A row with
     Rows.N.error (or no choices) shows the error, with a link to
     Rows.N.existing_url when set, and carries neither input.
     Tests: id="choose-form", id="choose-table". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Choose Application Types</h1>
  <p class="lead">Select the <strong>Card Type</strong> you wish to apply for each employee, then click <strong>CONFIRM &amp; CONTINUE</strong> and follow the steps for each applicant.</p>
</div>
<?cs if:Form.error ?>
<div class="alert" role="alert" id="form-error">
  <p><?cs var:Form.error ?></p>
</div>
<?cs /if ?>
<form id="choose-form" method="post" action="<?cs var:Page.base ?>/applications/create">
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
  <div class="table-wrap">
    <table class="table table-choose" id="choose-table">
      <caption class="visually-hidden">Employees and the card type to apply for</caption>
      <thead>
        <tr>
          <th scope="col">Employee Name</th>
          <th scope="col">NI Number</th>
          <th scope="col">H&amp;S</th>
          <th scope="col">Photo</th>
          <th scope="col">Card Type</th>
        </tr>
      </thead>
      <tbody>
<?cs each:r = Rows ?>
        <tr<?cs if:r.error ?> class="row-error"<?cs /if ?>>
          <th scope="row"><?cs var:r.name ?></th>
          <td class="nowrap cell-inline" data-label="NI Number"><?cs var:r.ni_masked ?></td>
          <td class="cell-inline" data-label="H&amp;S"><span class="tag<?cs if:r.hse == "Passed" ?> tag-green<?cs elif:r.hse != "Exempt" ?> tag-grey<?cs /if ?>"><?cs var:r.hse ?></span></td>
          <td class="cell-inline" data-label="Photo"><span class="tag<?cs if:r.photo == "OK" ?> tag-green<?cs else ?> tag-grey<?cs /if ?>"><?cs var:r.photo ?></span></td>
          <td data-label="Card Type">
<?cs if:r.error ?>
            <p class="field-error row-message"><span class="visually-hidden">Error: </span><?cs var:r.error ?><?cs if:r.existing_url ?> <a href="<?cs var:r.existing_url ?>">View the application</a><?cs /if ?></p>
<?cs elif:?r.choices.0.value ?>
            <input type="hidden" name="operative" value="<?cs var:r.operative ?>">
            <label class="visually-hidden" for="choice-<?cs var:r.operative ?>">Card Type for <?cs var:r.name ?></label>
            <select class="select select-choice" id="choice-<?cs var:r.operative ?>" name="choice">
<?cs each:c = r.choices ?>
              <option value="<?cs var:c.value ?>"<?cs if:?r.selected && c.value == r.selected ?> selected<?cs /if ?>><?cs var:c.label ?></option>
<?cs /each ?>
            </select>
<?cs else ?>
            <p class="hint row-message">No card type can be applied for.</p>
<?cs /if ?>
          </td>
        </tr>
<?cs /each ?>
<?cs if:!?Rows.0.name ?>
        <tr><td colspan="5" class="empty">No employees were selected. Tick employees in <a href="<?cs var:Page.base ?>/employees/current">Current Employees</a> and click START APPLICATIONS FOR EMPLOYEES.</td></tr>
<?cs /if ?>
      </tbody>
    </table>
  </div>
  <div class="actions">
<?cs if:?Rows.0.name ?>
    <button class="btn btn-primary" type="submit">CONFIRM &amp; CONTINUE</button>
<?cs /if ?>
    <a href="<?cs var:Page.base ?>/employees/current">Back to Current Employees</a>
  </div>
</form>
<?cs include:"layout/footer.cs" ?>
