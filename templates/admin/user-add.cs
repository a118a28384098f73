<?cs # ADD USER: select an existing user (by exact email) or create a new one, then level and
     permissions. Reads: Titles.N, Levels.N.value/label, Bundles/Others (perms-form.cs),
     Form.FIELD.value/error, Form.error, Session.csrf. Tests: id="add-user-form". ?><?cs include:"layout/header.cs" ?><?cs include:"admin/perms-form.cs" ?>
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
<?cs def:text(name, label, type) ?>
    <div class="field<?cs if:Form[name].error ?> field-invalid<?cs /if ?>">
      <label for="<?cs var:name ?>"><?cs var:label ?></label>
<?cs if:Form[name].error ?><p class="field-error" id="<?cs var:name ?>-error"><span class="visually-hidden">Error: </span><?cs var:Form[name].error ?></p><?cs /if ?>
      <input class="input" type="<?cs var:type ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:Form[name].value ?>">
    </div>
<?cs /def ?>
<?cs call:text("email", "Email address", "email") ?>
    <div class="field<?cs if:Form.title.error ?> field-invalid<?cs /if ?>">
      <label for="title">Title</label>
<?cs if:Form.title.error ?><p class="field-error" id="title-error"><?cs var:Form.title.error ?></p><?cs /if ?>
      <select class="select" id="title" name="title"><option value=""></option>
<?cs each:t = Titles ?><option value="<?cs var:t ?>"<?cs if:Form.title.value == t ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /each ?>
      </select>
    </div>
<?cs call:text("first_name", "First name", "text") ?>
<?cs call:text("last_name", "Last name", "text") ?>
<?cs call:text("phone", "Phone", "tel") ?>
<?cs call:levelselect(Form.level.value) ?>
  </div>
<?cs call:permboxes() ?>
  <p class="actions"><button class="btn btn-primary" type="submit">ADD/CREATE</button></p>
</form>
<?cs include:"layout/footer.cs" ?>
