<?cs # The administration forms' fields. textfield: a labelled input showing what was typed
     (Form.NAME.value) or else value, with Form.NAME.error above it (id NAME-error), which
     describes the field, marked aria-invalid.
     titleselect: the Title select (Titles.N) with current selected. ?>
<?cs def:textfield(name, label, value, type) ?>
    <div class="field<?cs if:Form[name].error ?> field-invalid<?cs /if ?>">
      <label for="<?cs var:name ?>"><?cs var:label ?></label>
<?cs if:Form[name].error ?><p class="field-error" id="<?cs var:name ?>-error"><span class="visually-hidden">Error: </span><?cs var:Form[name].error ?></p><?cs /if ?>
      <input class="input" type="<?cs var:type ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs if:?Form[name].value ?><?cs var:Form[name].value ?><?cs else ?><?cs var:value ?><?cs /if ?>"<?cs if:Form[name].error ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error"<?cs /if ?>>
    </div>
<?cs /def ?>
<?cs def:titleselect(current) ?>
    <div class="field<?cs if:Form.title.error ?> field-invalid<?cs /if ?>">
      <label for="title">Title</label>
<?cs if:Form.title.error ?><p class="field-error" id="title-error"><span class="visually-hidden">Error: </span><?cs var:Form.title.error ?></p><?cs /if ?>
      <select class="select" id="title" name="title"<?cs if:Form.title.error ?> aria-invalid="true" aria-describedby="title-error"<?cs /if ?>><option value=""></option>
<?cs each:t = Titles ?><option value="<?cs var:t ?>"<?cs if:current == t ?> selected<?cs /if ?>><?cs var:t ?></option><?cs /each ?>
      </select>
    </div>
<?cs /def ?>
