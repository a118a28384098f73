<?cs # Applications Being Produced (the appendix): the processing team has the
     application in hand.
     Reads: Apps.N.reference/name/type/status/reason/updated, Page.base;
     Page.Apps.shown/total/first/next (layout/pager.cs: id="apps-next").
     Tests: id="produced-table". ?><?cs include:"layout/header.cs" ?><?cs include:"layout/pager.cs" ?>
<div class="page-header">
  <h1>Applications Being Produced</h1>
  <p class="lead">The processing team has the application in hand and the status of the application can be seen.</p>
</div>
<div class="table-wrap">
  <table class="table" id="produced-table">
    <caption class="visually-hidden">Applications being produced</caption>
    <thead>
      <tr><th scope="col">App. Ref.</th><th scope="col">Applicant</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col">Last Updated</th></tr>
    </thead>
    <tbody>
<?cs each:a = Apps ?>
      <tr>
        <td><span class="reference"><?cs var:a.reference ?></span></td>
        <td><?cs var:a.name ?></td>
        <td><?cs var:a.type ?></td>
        <td><span class="tag"><?cs var:a.status ?></span></td>
        <td><?cs var:a.reason ?></td>
        <td class="nowrap"><?cs var:a.updated ?></td>
      </tr>
<?cs /each ?>
<?cs if:!?Apps.0.reference ?>
      <tr><td colspan="6" class="empty">No applications are being produced.</td></tr>
<?cs /if ?>
    </tbody>
  </table>
</div>
<?cs call:pager(Page.Apps, "apps") ?>
<p><a href="<?cs var:Page.base ?>/applications/attention">Applications Requiring Attention</a></p>
<?cs include:"layout/footer.cs" ?>
