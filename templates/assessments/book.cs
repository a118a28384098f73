<?cs # Book an employee onto an online HS&E assessment.
     Reads: Employees.N.id/name/office (current employees within the user's level),
     Credits.balance, Form.token, Form.operative/from/to .value/.error, Form.error,
     Can.buy, Form.no_credits (the error is the lack of credits: it links to buying them), Session.csrf,
     Page.base. Tests: id="book-form", id="book-submit". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Book an ECS Online Assessment</h1>
  <p class="lead">Choose the employee and the days within which they will sit the HS&amp;E assessment online. Booking uses one credit (<strong id="credit-balance"><?cs var:Credits.balance ?></strong> available); a booking not used by its last day gives the credit back.</p>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?><?cs if:Can.buy && Form.no_credits ?> <a href="<?cs var:Page.base ?>/orders/credits" id="purchase-credits">Purchase credits</a><?cs /if ?></div><?cs /if ?>
<?cs def:berror(name) ?><?cs if:Form[name].error ?><p class="field-error" id="<?cs var:name ?>-error"><span class="visually-hidden">Error: </span><?cs var:Form[name].error ?></p><?cs /if ?><?cs /def ?>
<form class="form panel" id="book-form" method="post" action="<?cs var:Page.base ?>/assessments/book" novalidate>
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
  <input type="hidden" name="token" value="<?cs var:Form.token ?>">
  <div class="field<?cs if:Form.operative.error ?> field-invalid<?cs /if ?>">
    <label for="operative">Employee</label>
    <?cs call:berror("operative") ?>
    <select class="select" id="operative" name="operative">
      <option value="">Please choose</option>
<?cs each:e = Employees ?>
      <option value="<?cs var:e.id ?>"<?cs if:Form.operative.value == e.id ?> selected<?cs /if ?>><?cs var:e.name ?> (<?cs var:e.office ?>)</option>
<?cs /each ?>
    </select>
  </div>
  <div class="form-grid">
    <div class="field<?cs if:Form.from.error ?> field-invalid<?cs /if ?>">
      <label for="from">From (first day)</label>
      <?cs call:berror("from") ?>
      <input class="input input-medium" type="date" id="from" name="from" value="<?cs var:Form.from.value ?>">
    </div>
    <div class="field<?cs if:Form.to.error ?> field-invalid<?cs /if ?>">
      <label for="to">To (last day)</label>
      <?cs call:berror("to") ?>
      <input class="input input-medium" type="date" id="to" name="to" value="<?cs var:Form.to.value ?>">
    </div>
  </div>
  <p class="hint">Dates as dd/mm/yyyy. The window starts today or later, within a year, and lasts at most 60 days.</p>
  <div class="actions">
    <button class="btn btn-primary" type="submit" id="book-submit">BOOK &amp; USE ONE CREDIT</button>
    <a class="btn btn-plain" href="<?cs var:Page.base ?>/assessments">X CANCEL</a>
  </div>
</form>
<?cs include:"layout/footer.cs" ?>
