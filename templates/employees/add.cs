<?cs # Add New Employee: the lookup form (guide 1.2). Posts to /employees/lookup.
     Reads: Form.ni.value/error, Form.dob.value/error, Form.last_name.value/error,
     Form.card_number.value/error, Form.hse_number.value/error, Form.error,
     Session.csrf, Page.base. The date of birth is a text input (dd/mm/yyyy).
     Tests: the form is id="lookup-form". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Add New Employee</h1>
  <p class="lead">Look up the operative to check whether their record already exists.</p>
</div>
<div class="panel panel-narrow">
<?cs if:Form.error ?>
  <div class="alert" role="alert" id="form-error">
    <p><?cs var:Form.error ?></p>
  </div>
<?cs /if ?>
  <form class="form" id="lookup-form" method="post" action="<?cs var:Page.base ?>/employees/lookup" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <fieldset class="fieldset">
      <legend>Please supply required information:</legend>
      <div class="field<?cs if:Form.ni.error ?> field-invalid<?cs /if ?>">
        <label for="ni">National Insurance Number*</label>
        <span class="hint" id="ni-hint">For example, AB 12 34 56 C</span>
<?cs if:Form.ni.error ?>
        <p class="field-error" id="ni-error"><span class="visually-hidden">Error: </span><?cs var:Form.ni.error ?></p>
<?cs /if ?>
        <input class="input input-medium" type="text" id="ni" name="ni" value="<?cs var:Form.ni.value ?>"
               autocomplete="off" spellcheck="false" autocapitalize="characters" required
               aria-describedby="ni-hint<?cs if:Form.ni.error ?> ni-error<?cs /if ?>"<?cs if:Form.ni.error ?> aria-invalid="true"<?cs /if ?>>
      </div>
      <div class="field<?cs if:Form.dob.error ?> field-invalid<?cs /if ?>">
        <label for="dob">Date of Birth*</label>
        <span class="hint" id="dob-hint">dd/mm/yyyy, for example 31/03/1985</span>
<?cs if:Form.dob.error ?>
        <p class="field-error" id="dob-error"><span class="visually-hidden">Error: </span><?cs var:Form.dob.error ?></p>
<?cs /if ?>
        <input class="input input-short" type="text" id="dob" name="dob" value="<?cs var:Form.dob.value ?>"
               autocomplete="off" spellcheck="false" required
               aria-describedby="dob-hint<?cs if:Form.dob.error ?> dob-error<?cs /if ?>"<?cs if:Form.dob.error ?> aria-invalid="true"<?cs /if ?>>
      </div>
    </fieldset>
    <fieldset class="fieldset">
      <legend>And at least one other piece of information:</legend>
      <div class="field<?cs if:Form.last_name.error ?> field-invalid<?cs /if ?>">
        <label for="last_name">Last Name</label>
<?cs if:Form.last_name.error ?>
        <p class="field-error" id="last_name-error"><span class="visually-hidden">Error: </span><?cs var:Form.last_name.error ?></p>
<?cs /if ?>
        <input class="input input-medium" type="text" id="last_name" name="last_name" value="<?cs var:Form.last_name.value ?>"
               autocomplete="off" spellcheck="false"<?cs if:Form.last_name.error ?>
               aria-invalid="true" aria-describedby="last_name-error"<?cs /if ?>>
      </div>
      <div class="field<?cs if:Form.card_number.error ?> field-invalid<?cs /if ?>">
        <label for="card_number">ECS Card Number</label>
<?cs if:Form.card_number.error ?>
        <p class="field-error" id="card_number-error"><span class="visually-hidden">Error: </span><?cs var:Form.card_number.error ?></p>
<?cs /if ?>
        <input class="input input-medium" type="text" id="card_number" name="card_number" value="<?cs var:Form.card_number.value ?>"
               autocomplete="off" spellcheck="false"<?cs if:Form.card_number.error ?>
               aria-invalid="true" aria-describedby="card_number-error"<?cs /if ?>>
      </div>
      <div class="field<?cs if:Form.hse_number.error ?> field-invalid<?cs /if ?>">
        <label for="hse_number">H &amp; S Assessment Number</label>
<?cs if:Form.hse_number.error ?>
        <p class="field-error" id="hse_number-error"><span class="visually-hidden">Error: </span><?cs var:Form.hse_number.error ?></p>
<?cs /if ?>
        <input class="input input-medium" type="text" id="hse_number" name="hse_number" value="<?cs var:Form.hse_number.value ?>"
               autocomplete="off" spellcheck="false"<?cs if:Form.hse_number.error ?>
               aria-invalid="true" aria-describedby="hse_number-error"<?cs /if ?>>
      </div>
    </fieldset>
    <div class="actions">
      <button class="btn btn-primary" type="submit">LOOKUP</button>
    </div>
  </form>
</div>
<p>Adding many employees at once? <a href="<?cs var:Page.base ?>/employees/bulk">Upload a CSV file of employees</a>.</p>
<?cs include:"layout/footer.cs" ?>
