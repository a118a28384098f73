<?cs # The company's own details and its two-step sign-in rule. Reads: Company.details.name/
     company_number/address_line1/address_line2/town/postcode/phone/email/require_2fa, Can.edit
     (company level), Form.FIELD.value/error, Form.error, Session.csrf. Tests: id="company-form". ?><?cs include:"layout/header.cs" ?><?cs include:"admin/fields.cs" ?>
<div class="page-header">
  <h1><?cs var:Company.details.name ?></h1>
  <p class="lead">Company number <?cs var:Company.details.company_number ?></p>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>
<form class="form panel" id="company-form" method="post" action="<?cs var:Page.base ?>/admin/company" novalidate>
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
  <div class="form-grid">
<?cs call:textfield("address_line1", "Address line 1", Company.details.address_line1, "text") ?>
<?cs call:textfield("address_line2", "Address line 2", Company.details.address_line2, "text") ?>
<?cs call:textfield("town", "Town", Company.details.town, "text") ?>
<?cs call:textfield("postcode", "Postcode", Company.details.postcode, "text") ?>
<?cs call:textfield("phone", "Phone", Company.details.phone, "text") ?>
<?cs call:textfield("email", "Email", Company.details.email, "text") ?>
  </div>
  <label class="checkbox"><input type="checkbox" id="require_2fa" name="require_2fa" value="yes"<?cs if:Company.details.require_2fa == "1" ?> checked<?cs /if ?>> Require two-step sign-in for every user of the company</label>
<?cs if:Can.edit ?><p class="actions"><button class="btn btn-primary" type="submit">SAVE</button></p><?cs /if ?>
</form>
<?cs include:"layout/footer.cs" ?>
