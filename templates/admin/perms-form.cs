<?cs # The level select and the permission check boxes of the user forms: each bundle one box
     with its granular permissions beneath it (a bundle box newly ticked or unticked gives all
     or none of it; otherwise the boxes beneath it decide: perms_from_form).
     Reads: Levels.N.value/label, Form.level.value (or the macro's argument), Bundles.N.code/
     name/checked/perms.M.bit/name/checked, Others.M.bit/name/checked. ?>
<?cs def:levelselect(current) ?>
    <div class="field<?cs if:Form.level.error ?> field-invalid<?cs /if ?>">
      <label for="level">Level</label>
<?cs if:Form.level.error ?><p class="field-error" id="level-error"><span class="visually-hidden">Error: </span><?cs var:Form.level.error ?></p><?cs /if ?>
      <select class="select" id="level" name="level">
<?cs each:l = Levels ?>
        <option value="<?cs var:l.value ?>"<?cs if:current == l.value ?> selected<?cs /if ?>><?cs var:l.label ?></option>
<?cs /each ?>
      </select>
    </div>
<?cs /def ?>
<?cs def:permboxes() ?>
    <fieldset class="fieldset" id="permissions">
      <legend>Permissions</legend>
      <p class="hint" id="permissions-hint">Ticking a bundle gives all of its permissions and unticking it takes them all away; to take away only some, leave the bundle ticked and untick those.</p>
<?cs each:b = Bundles ?>
      <div class="panel panel-tint">
        <label class="checkbox"><input type="checkbox" name="bundle" value="<?cs var:b.code ?>"<?cs if:b.checked ?> checked<?cs /if ?>> <strong><span class="tag"><?cs var:b.name ?></span></strong></label>
<?cs each:p = b.perms ?>
        <label class="checkbox"><input type="checkbox" name="perm" value="<?cs var:p.bit ?>"<?cs if:p.checked ?> checked<?cs /if ?>> <?cs var:p.name ?></label>
<?cs /each ?>
      </div>
<?cs /each ?>
      <div class="panel panel-tint">
<?cs each:p = Others ?>
        <label class="checkbox"><input type="checkbox" name="perm" value="<?cs var:p.bit ?>"<?cs if:p.checked ?> checked<?cs /if ?>> <?cs var:p.name ?></label>
<?cs /each ?>
      </div>
    </fieldset>
<?cs /def ?>
