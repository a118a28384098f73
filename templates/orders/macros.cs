<?cs # Macros the order forms share.
     otext(name, label): a text input from Form.NAME.value/error.
     ooffice(name, label): a select of Offices.N.id/name, Form.NAME.value selected.
     olevel(): "Raised at level of" from Levels.N.value/label.
     olines(): the table of Lines.N with Order.net/vat/total (id="order-lines").
     A field in error is marked aria-invalid and described by its message (id NAME-error). ?>
<?cs def:ofield_aria(name) ?><?cs if:Form[name].error ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error"<?cs /if ?><?cs /def ?>
<?cs def:ofield_error(name) ?><?cs if:Form[name].error ?><p class="field-error" id="<?cs var:name ?>-error"><span class="visually-hidden">Error: </span><?cs var:Form[name].error ?></p><?cs /if ?><?cs /def ?>
<?cs def:otext(name, label) ?>
    <div class="field<?cs if:Form[name].error ?> field-invalid<?cs /if ?>">
      <label for="<?cs var:name ?>"><?cs var:label ?></label>
      <?cs call:ofield_error(name) ?>
      <input class="input" type="text" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:Form[name].value ?>" maxlength="150"<?cs call:ofield_aria(name) ?>>
    </div>
<?cs /def ?>
<?cs def:ooffice(name, label) ?>
    <div class="field<?cs if:Form[name].error ?> field-invalid<?cs /if ?>">
      <label for="<?cs var:name ?>"><?cs var:label ?></label>
      <?cs call:ofield_error(name) ?>
      <select class="select" id="<?cs var:name ?>" name="<?cs var:name ?>"<?cs call:ofield_aria(name) ?>>
<?cs each:f = Offices ?>
        <option value="<?cs var:f.id ?>"<?cs if:Form[name].value == f.id ?> selected<?cs /if ?>><?cs var:f.name ?></option>
<?cs /each ?>
      </select>
    </div>
<?cs /def ?>
<?cs def:olevel() ?>
    <div class="field<?cs if:Form.level.error ?> field-invalid<?cs /if ?>">
      <label for="level">Raised at level of</label>
      <?cs call:ofield_error("level") ?>
      <select class="select" id="level" name="level"<?cs call:ofield_aria("level") ?>>
<?cs each:l = Levels ?>
        <option value="<?cs var:l.value ?>"<?cs if:Form.level.value == l.value ?> selected<?cs /if ?>><?cs var:l.label ?></option>
<?cs /each ?>
      </select>
    </div>
<?cs /def ?>
<?cs def:olines() ?>
  <div class="table-wrap">
    <table class="table" id="order-lines">
      <thead>
        <tr><th scope="col">Quantity</th><th scope="col">Product</th><th scope="col">App. Ref.</th><th scope="col">Applicant</th><th scope="col" class="num">Each</th><th scope="col" class="num">Net</th><th scope="col" class="num">VAT</th><th scope="col" class="num">Total</th></tr>
      </thead>
      <tbody>
<?cs each:l = Lines ?>
        <tr>
          <td><?cs var:l.quantity ?></td>
          <td><?cs var:l.product ?><?cs if:l.type ?> (<?cs var:l.type ?>)<?cs /if ?></td>
          <td><?cs if:l.app_id ?><a class="reference" href="<?cs var:Page.base ?>/applications/<?cs var:l.app_id ?>"><?cs var:l.app_reference ?></a><?cs /if ?></td>
          <td><?cs var:l.applicant ?></td>
          <td class="num"><?cs var:l.each ?></td>
          <td class="num"><?cs var:l.net ?></td>
          <td class="num"><?cs var:l.vat ?></td>
          <td class="num"><?cs var:l.total ?></td>
        </tr>
<?cs /each ?>
<?cs if:!?Lines.0.product ?>
        <tr><td colspan="8" class="empty">Nothing on this order yet. Add finalised applications to it from <a href="<?cs var:Page.base ?>/applications/attention">Applications Requiring Attention</a>.</td></tr>
<?cs /if ?>
      </tbody>
      <tfoot>
        <tr><th scope="row" colspan="7" class="num">Net</th><td class="num" id="order-net"><?cs var:Order.net ?></td></tr>
        <tr><th scope="row" colspan="7" class="num">VAT</th><td class="num" id="order-vat"><?cs var:Order.vat ?></td></tr>
        <tr><th scope="row" colspan="7" class="num">Total</th><td class="num" id="order-total"><strong><?cs var:Order.total ?></strong></td></tr>
      </tfoot>
    </table>
  </div>
<?cs /def ?>
