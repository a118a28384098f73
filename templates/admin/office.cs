<?cs # An office: its address and the contacts orders use, its group.
     Reads: Office.id/name/status/group_id/address_line1/address_line2/town/postcode/phone/email/
     contact_name/delivery_contact, Groups.N.id/name/status, Can.offices (the form, else read
     only), Form.FIELD.value/error, Form.error, Session.csrf. Tests: id="office-form". ?><?cs include:"layout/header.cs" ?><?cs include:"admin/fields.cs" ?>
<div class="page-header">
  <h1><?cs var:Office.name ?><?cs if:Office.status == "closed" ?> <span class="tag tag-grey">Closed</span><?cs /if ?></h1>
  <p><a href="<?cs var:Page.base ?>/admin/groups">Back to Administer Groups</a></p>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>
<?cs if:Can.offices ?>
<form class="form panel" id="office-form" method="post" action="<?cs var:Page.base ?>/admin/offices/<?cs var:Office.id ?>" novalidate>
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
  <div class="form-grid">
<?cs call:textfield("name", "Office name", Office.name, "text") ?>
    <div class="field<?cs if:Form.group_id.error ?> field-invalid<?cs /if ?>">
      <label for="group_id">In group</label>
<?cs if:Form.group_id.error ?><p class="field-error" id="group_id-error"><span class="visually-hidden">Error: </span><?cs var:Form.group_id.error ?></p><?cs /if ?>
      <select class="select" id="group_id" name="group_id">
        <option value="0"<?cs if:Office.group_id == "0" ?> selected<?cs /if ?>>Directly under the company</option>
<?cs each:g = Groups ?>
        <option value="<?cs var:g.id ?>"<?cs if:Office.group_id == g.id ?> selected<?cs /if ?>><?cs var:g.name ?><?cs if:g.status == "closed" ?> (closed)<?cs /if ?></option>
<?cs /each ?>
      </select>
    </div>
<?cs call:textfield("address_line1", "Address line 1", Office.address_line1, "text") ?>
<?cs call:textfield("address_line2", "Address line 2", Office.address_line2, "text") ?>
<?cs call:textfield("town", "Town", Office.town, "text") ?>
<?cs call:textfield("postcode", "Postcode", Office.postcode, "text") ?>
<?cs call:textfield("phone", "Phone", Office.phone, "text") ?>
<?cs call:textfield("email", "Email", Office.email, "text") ?>
<?cs call:textfield("contact_name", "Accounts contact (billing)", Office.contact_name, "text") ?>
<?cs call:textfield("delivery_contact", "Delivery to the attention of", Office.delivery_contact, "text") ?>
  </div>
  <p class="actions"><button class="btn btn-primary" type="submit">SAVE OFFICE</button></p>
</form>
<div class="actions">
  <form method="post" action="<?cs var:Page.base ?>/admin/offices/<?cs var:Office.id ?>/close"><input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>"><button class="btn btn-plain" type="submit"><?cs if:Office.status == "closed" ?>OPEN THE OFFICE AGAIN<?cs else ?>CLOSE THE OFFICE<?cs /if ?></button></form>
  <form method="post" action="<?cs var:Page.base ?>/admin/offices/<?cs var:Office.id ?>/delete"><input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>"><button class="btn btn-warning" type="submit">DELETE THE OFFICE</button></form>
</div>
<?cs else ?>
<dl class="summary-list panel">
  <dt>Address</dt><dd><?cs var:Office.address_line1 ?> <?cs var:Office.address_line2 ?> <?cs var:Office.town ?> <?cs var:Office.postcode ?></dd>
  <dt>Phone</dt><dd><?cs var:Office.phone ?></dd>
  <dt>Email</dt><dd><?cs var:Office.email ?></dd>
  <dt>Accounts contact (billing)</dt><dd><?cs var:Office.contact_name ?></dd>
  <dt>Delivery to the attention of</dt><dd><?cs var:Office.delivery_contact ?></dd>
</dl>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
