<?cs # ADD USER: select an existing user (by exact email) or create a new one, then level and
     permissions. Reads: Titles.N, Levels.N.value/label, Bundles/Others (perms-form.cs),
     Form.FIELD.value/error, Form.error, Session.csrf. Tests: id="add-user-form". ?><?cs include:"layout/header.cs" ?><?cs include:"admin/perms-form.cs" ?><?cs include:"admin/fields.cs" ?>
<div class="page-header">
  <h1>Add user</h1>
  <p class="lead">Select an existing user or create a new one. To create one enter all the details before clicking the <strong>ADD/CREATE</strong> button.</p>
  <p><a href="<?cs var:Page.base ?>/admin/users">Back to Administer Users</a></p>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>
<form class="form panel" id="add-user-form" method="post" action="<?cs var:Page.base ?>/admin/users/add" novalidate>
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
  <fieldset class="fieldset">
    <legend>Who</legend>
    <label class="checkbox"><input type="radio" name="mode" value="existing"<?cs if:Form.mode.value == "existing" ?> checked<?cs /if ?>> Select an existing user (a person who already has a portal account): enter their email address only</label>
    <label class="checkbox"><input type="radio" name="mode" value="new"<?cs if:Form.mode.value != "existing" ?> checked<?cs /if ?>> Create a new user</label>
  </fieldset>
  <div class="form-grid">
<?cs call:textfield("email", "Email address", "", "email") ?>
<?cs call:titleselect(Form.title.value) ?>
<?cs call:textfield("first_name", "First name", "", "text") ?>
<?cs call:textfield("last_name", "Last name", "", "text") ?>
<?cs call:textfield("phone", "Phone", "", "tel") ?>
<?cs call:levelselect(Form.level.value) ?>
  </div>
<?cs call:permboxes() ?>
  <p class="actions"><button class="btn btn-primary" type="submit">ADD/CREATE</button></p>
</form>
<?cs include:"layout/footer.cs" ?>
