<?cs # Bulk add, step 2: the rows of the uploaded CSV that will be added and the
     rows rejected; confirming posts Bulk.token to /employees/bulk/confirm.
     Reads: Bulk.token, Bulk.matched_count, Bulk.rejected_count,
     Bulk.matched.N.line/name/ni_masked/office/started, Bulk.rejected.N.line/reason,
     Session.csrf, Page.base. Tests: id="bulk-matched", id="bulk-rejected" (the
     tables). ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Check the Employees to Add</h1>
  <p class="lead"><strong id="matched-count"><?cs var:Bulk.matched_count ?></strong> row<?cs if:Bulk.matched_count != 1 ?>s<?cs /if ?> will be added;
  <strong id="rejected-count"><?cs var:Bulk.rejected_count ?></strong> row<?cs if:Bulk.rejected_count != 1 ?>s<?cs /if ?> rejected.</p>
</div>
<?cs if:Bulk.matched_count > 0 ?>
<div class="table-wrap">
  <table class="table" id="bulk-matched">
    <caption>Rows that will be added</caption>
    <thead><tr><th scope="col" class="num">Line</th><th scope="col">Employee Name</th><th scope="col">NI Number</th><th scope="col">Office</th><th scope="col">Started</th></tr></thead>
    <tbody>
<?cs each:m = Bulk.matched ?>
      <tr><td class="num"><?cs var:m.line ?></td><td><?cs var:m.name ?></td><td class="nowrap"><?cs var:m.ni_masked ?></td><td><?cs var:m.office ?></td><td class="nowrap"><?cs var:m.started ?></td></tr>
<?cs /each ?>
    </tbody>
  </table>
</div>
<?cs else ?>
<div class="notice notice-warning" role="status" id="bulk-none">
  <p>No row of the file can be added. Correct the file and upload it again.</p>
</div>
<?cs /if ?>
<?cs if:Bulk.rejected_count > 0 ?>
<div class="table-wrap">
  <table class="table" id="bulk-rejected">
    <caption>Rows rejected</caption>
    <thead><tr><th scope="col" class="num">Line</th><th scope="col">Reason</th></tr></thead>
    <tbody>
<?cs each:x = Bulk.rejected ?>
      <tr><td class="num"><?cs var:x.line ?></td><td><?cs var:x.reason ?></td></tr>
<?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /if ?>
<?cs if:Bulk.matched_count > 0 ?>
<form id="bulk-confirm-form" method="post" action="<?cs var:Page.base ?>/employees/bulk/confirm">
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
  <input type="hidden" name="token" value="<?cs var:Bulk.token ?>">
<?cs if:Bulk.rejected_count > 0 ?>
  <p class="hint">The rejected rows are left out. You can add them later in a corrected file.</p>
<?cs /if ?>
  <div class="actions">
    <button class="btn btn-primary" type="submit">CONFIRM &amp; ADD <?cs var:Bulk.matched_count ?> EMPLOYEES</button>
    <a href="<?cs var:Page.base ?>/employees/bulk">Upload a different file</a>
  </div>
</form>
<?cs else ?>
<p class="actions"><a class="btn btn-secondary" href="<?cs var:Page.base ?>/employees/bulk">Upload a different file</a></p>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
