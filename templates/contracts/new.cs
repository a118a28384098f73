<?cs # Create New Contract (ECS Check): name, site address, client reference,
     dates, the card types or occupations required on site and the minimum days
     of card validity left. Reads: Form.token, Form.NAME.value/error, Form.error,
     CardTypes.N.id/name/checked, Occupations.N.id/name/discipline/selected,
     Session.csrf. Tests: id="contract-form", id="create-contract". ?><?cs include:"layout/header.cs" ?>
<?cs def:cerror(name) ?><?cs if:Form[name].error ?><p class="field-error" id="<?cs var:name ?>-error"><span class="visually-hidden">Error: </span><?cs var:Form[name].error ?></p><?cs /if ?><?cs /def ?>
<?cs def:cinput(name, label, type, size) ?>
    <div class="field<?cs if:Form[name].error ?> field-invalid<?cs /if ?>">
      <label for="<?cs var:name ?>"><?cs var:label ?></label>
      <?cs call:cerror(name) ?>
      <input class="input<?cs if:size ?> <?cs var:size ?><?cs /if ?>" type="<?cs var:type ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:Form[name].value ?>"<?cs if:Form[name].error ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error"<?cs /if ?>>
    </div>
<?cs /def ?>
<div class="page-header">
  <h1>Create New Contract</h1>
  <p class="lead">This option allows you to create a new contract for ECS Check.</p>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>
<form class="form panel" id="contract-form" method="post" action="<?cs var:Page.base ?>/contracts/new" novalidate>
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
  <input type="hidden" name="token" value="<?cs var:Form.token ?>">
  <div class="form-grid">
<?cs call:cinput("name", "Contract name", "text", "") ?>
<?cs call:cinput("client_reference", "Client reference", "text", "") ?>
  </div>
  <div class="field<?cs if:Form.site_address.error ?> field-invalid<?cs /if ?>">
    <label for="site_address">Site address</label>
    <?cs call:cerror("site_address") ?>
    <textarea class="textarea" id="site_address" name="site_address" rows="3"<?cs if:Form.site_address.error ?> aria-invalid="true" aria-describedby="site_address-error"<?cs /if ?>><?cs var:Form.site_address.value ?></textarea>
  </div>
  <div class="form-grid">
<?cs call:cinput("starts_on", "Start date", "date", "input-short") ?>
<?cs call:cinput("ends_on", "End date", "date", "input-short") ?>
<?cs call:cinput("min_days", "Minimum days of card validity left", "number", "input-short") ?>
  </div>
  <fieldset class="fieldset" id="card-types">
    <legend>Card types accepted on site</legend>
    <p class="hint">A worker's card counts when it is of one of the ticked card types or for one of the chosen occupations. Tick nothing and choose nothing to accept any ECS card.</p>
<?cs each:t = CardTypes ?>
    <div class="checkbox option">
      <input type="checkbox" id="card_type-<?cs var:t.id ?>" name="card_type" value="<?cs var:t.id ?>"<?cs if:t.checked ?> checked<?cs /if ?>>
      <label for="card_type-<?cs var:t.id ?>"><?cs var:t.name ?></label>
    </div>
<?cs /each ?>
  </fieldset>
  <div class="field">
    <label for="occupation">Occupations accepted on site</label>
    <p class="hint">Hold Ctrl (or Cmd) to choose more than one.</p>
    <select class="select" id="occupation" name="occupation" multiple size="8">
<?cs each:o = Occupations ?>
      <option value="<?cs var:o.id ?>"<?cs if:o.selected ?> selected<?cs /if ?>><?cs var:o.discipline ?>: <?cs var:o.name ?></option>
<?cs /each ?>
    </select>
  </div>
  <div class="actions">
    <button class="btn btn-primary" type="submit" id="create-contract">CREATE CONTRACT</button>
    <a class="btn btn-plain" href="<?cs var:Page.base ?>/contracts/setup">X CANCEL</a>
  </div>
</form>
<?cs include:"layout/footer.cs" ?>
