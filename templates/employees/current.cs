<?cs # Current Employees: search, sort, export, and tick employees to start card
     applications (guide 1.3).
     Reads: List.q (the search, opened), List.s (the sealed search of the URL,
     absent without one), List.expired (the message when s no longer opens),
     List.cursor_expired (when the after cursor no longer opens: the first page is shown),
     List.sort (name|expiry), List.count, List.next (absent on the last page),
     List.export_url, Employees.N.id/name/ni_masked/office/apps_in_progress/cards/
     expires/hse (hse: Passed, Exempt or None), Form.q.error, Session.csrf, Page.base.
     The search is a POST form to /employees/current (an NI number must never be in
     a URL): it answers 303 to /employees/current?s=SEALED&sort=...; the next page
     carries s on. The table sits in a POST form to /applications/start (ticked
     name="id"). Tests: id="search-form", id="search-expired", id="employees-table",
     id="next-page". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Current Employees</h1>
  <p class="lead">ECS card holders registered with your company.</p>
</div>
<?cs if:List.expired ?>
<div class="notice notice-warning" role="status" id="search-expired"><?cs var:List.expired ?></div>
<?cs elif:List.cursor_expired ?>
<div class="notice notice-warning" role="status" id="cursor-expired"><?cs var:List.cursor_expired ?></div>
<?cs /if ?>
<form class="filters" id="search-form" method="post" action="<?cs var:Page.base ?>/employees/current" role="search">
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
  <div class="field filters-grow<?cs if:Form.q.error ?> field-invalid<?cs /if ?>">
    <label for="q">Search by name, NI number or card number</label>
    <span class="hint" id="q-hint">A surname (or its start), &ldquo;Surname, First name&rdquo; or &ldquo;First name Surname&rdquo;</span>
<?cs if:Form.q.error ?>
    <p class="field-error" id="q-error"><span class="visually-hidden">Error: </span><?cs var:Form.q.error ?></p>
<?cs /if ?>
    <input class="input" type="search" id="q" name="q" value="<?cs var:List.q ?>" autocomplete="off" spellcheck="false"<?cs if:Form.q.error ?>
           aria-invalid="true" aria-describedby="q-error q-hint"<?cs else ?> aria-describedby="q-hint"<?cs /if ?>>
  </div>
  <div class="field">
    <label for="sort">Sort by</label>
    <select class="select" id="sort" name="sort">
      <option value="name"<?cs if:List.sort != "expiry" ?> selected<?cs /if ?>>Employee name</option>
      <option value="expiry"<?cs if:List.sort == "expiry" ?> selected<?cs /if ?>>Card expiry date</option>
    </select>
  </div>
  <div class="field">
    <button class="btn btn-secondary" type="submit">Search</button>
  </div>
</form>
<div class="list-bar">
  <p class="list-count"><?cs if:?Employees.0.id ?>Showing <strong id="list-count"><?cs var:List.count ?></strong> employee<?cs if:List.count != 1 ?>s<?cs /if ?><?cs if:List.q ?> matching &ldquo;<?cs var:List.q ?>&rdquo;<?cs /if ?>.<?cs else ?>No employees to show.<?cs /if ?></p>
  <p class="list-links">
<?cs if:List.export_url ?>
    <a class="btn btn-plain btn-small" id="export-csv" href="<?cs var:List.export_url ?>">Export CSV</a>
<?cs /if ?>
    <a class="btn btn-secondary btn-small" href="<?cs var:Page.base ?>/employees/add"><span aria-hidden="true">+ </span>Add New Employee</a>
  </p>
</div>
<form id="start-form" method="post" action="<?cs var:Page.base ?>/applications/start">
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
<?cs if:?Employees.0.id ?>
  <p class="hint">Tick the employees you wish to apply for, then click <strong>START APPLICATIONS FOR EMPLOYEES</strong>.</p>
<?cs /if ?>
  <div class="table-wrap">
    <table class="table" id="employees-table">
      <caption class="visually-hidden">Current employees<?cs if:List.sort == "expiry" ?>, by card expiry date<?cs else ?>, by name<?cs /if ?></caption>
      <thead>
        <tr>
          <th scope="col" class="check"><span class="visually-hidden">Select</span></th>
          <th scope="col"<?cs if:List.sort != "expiry" ?> aria-sort="ascending"<?cs /if ?>>Employee Name</th>
          <th scope="col">NI Number</th>
          <th scope="col">Office</th>
          <th scope="col" class="num">Apps In Progress</th>
          <th scope="col">Card No./s</th>
          <th scope="col"<?cs if:List.sort == "expiry" ?> aria-sort="ascending"<?cs /if ?>>Expires</th>
          <th scope="col">H&amp;S status</th>
        </tr>
      </thead>
      <tbody>
<?cs each:e = Employees ?>
        <tr>
          <td class="check"><input type="checkbox" id="pick-<?cs var:e.id ?>" name="id" value="<?cs var:e.id ?>"><label class="visually-hidden" for="pick-<?cs var:e.id ?>">Select <?cs var:e.name ?></label></td>
          <td><a href="<?cs var:Page.base ?>/employees/<?cs var:e.id ?>"><?cs var:e.name ?></a></td>
          <td class="nowrap"><?cs var:e.ni_masked ?></td>
          <td><?cs var:e.office ?></td>
          <td class="num"><?cs var:e.apps_in_progress ?></td>
          <td><?cs var:e.cards ?></td>
          <td class="nowrap"><?cs var:e.expires ?></td>
          <td><span class="tag<?cs if:e.hse == "Passed" ?> tag-green<?cs elif:e.hse != "Exempt" ?> tag-grey<?cs /if ?>"><?cs var:e.hse ?></span></td>
        </tr>
<?cs /each ?>
<?cs if:!?Employees.0.id ?>
        <tr><td colspan="8" class="empty"><?cs if:List.q ?>No employees match your search.<?cs else ?>You have no current employees yet. <a href="<?cs var:Page.base ?>/employees/add">Add New Employee</a>.<?cs /if ?></td></tr>
<?cs /if ?>
      </tbody>
    </table>
  </div>
<?cs if:?Employees.0.id ?>
  <div class="actions actions-split">
    <button class="btn btn-primary" type="submit">START APPLICATIONS FOR EMPLOYEES</button>
<?cs if:List.next ?>
    <a class="btn btn-plain" id="next-page" rel="next" href="<?cs var:Page.base ?>/employees/current?<?cs if:List.s ?>s=<?cs var:url_escape(List.s) ?>&amp;<?cs /if ?>sort=<?cs var:url_escape(List.sort) ?>&amp;after=<?cs var:url_escape(List.next) ?>">Next page <span aria-hidden="true">&rsaquo;</span></a>
<?cs /if ?>
  </div>
<?cs /if ?>
</form>
<?cs include:"layout/footer.cs" ?>
