<?cs # Completed Applications (the appendix): fully processed; the ECS card
     will be dispatched shortly. Completed applications remain visible for
     three months.
     Reads: Apps.N.reference/name/type/card_number/expires/completed, Page.base;
     Page.Apps.shown/total/first/next (layout/pager.cs: id="apps-next").
     Tests: id="completed-table". ?><?cs include:"layout/header.cs" ?><?cs include:"layout/pager.cs" ?>
<div class="page-header">
  <h1>Completed Applications</h1>
  <p class="lead">Applications which have been fully processed, where ECS card will be dispatched shortly. Completed applications remain visible for three months.</p>
</div>
<div class="table-wrap">
  <table class="table" id="completed-table">
    <caption class="visually-hidden">Completed applications</caption>
    <thead>
      <tr><th scope="col">App. Ref.</th><th scope="col">Applicant</th><th scope="col">Type</th><th scope="col">Card No.</th><th scope="col">Expires</th><th scope="col">Completed</th></tr>
    </thead>
    <tbody>
<?cs each:a = Apps ?>
      <tr>
        <td><span class="reference"><?cs var:a.reference ?></span></td>
        <td><?cs var:a.name ?></td>
        <td><?cs var:a.type ?></td>
        <td class="nowrap"><?cs var:a.card_number ?></td>
        <td class="nowrap"><?cs var:a.expires ?></td>
        <td class="nowrap"><?cs var:a.completed ?></td>
      </tr>
<?cs /each ?>
<?cs if:!?Apps.0.reference ?>
      <tr><td colspan="6" class="empty">No applications completed in the last three months.</td></tr>
<?cs /if ?>
    </tbody>
  </table>
</div>
<?cs call:pager(Page.Apps, "apps") ?>
<?cs include:"layout/footer.cs" ?>
