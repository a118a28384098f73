<?cs # Applications Requiring Attention (guide 1.4 and the appendix): the
     applications started by the company that are in process but not yet
     completed.
     Reads: InProgress.N.id/reference/name/type/step/started_by/started,
     OnHold.N.id/reference/name/type/reason,
     Finalised.N.id/reference/name/employed_by/group/hse/photo/type/grade/
     occupation/note (why it will wait on hold once paid), Counts.finalised (outside Finalised, so each:f = Finalised
     meets only rows), Session.csrf, Page.base.
     Each list is a page of 50: Page.<List>.shown/total/first/next for
     layout/pager.cs (id="in-progress-next", "on-hold-next", "finalised-next").
     The finalised table sits in one POST form (id="finalised-form") with
     check boxes name="id"; ADD N APPLICATIONS TO A PURCHASE posts to
     /orders/add-applications and UNFINALISE N APPLICATIONS to
     /applications/unfinalise (formaction), N being Counts.finalised.
     Tests: id="in-progress-table", id="on-hold-table", id="finalised-table". ?><?cs include:"layout/header.cs" ?><?cs include:"layout/pager.cs" ?>
<div class="page-header">
  <h1>Applications Requiring Attention</h1>
  <p class="lead">Overview of all applications, started by your company, which are in process but not yet completed.</p>
</div>

<section id="in-progress" aria-labelledby="in-progress-title">
  <h2 id="in-progress-title">Applications In Progress</h2>
  <div class="table-wrap">
    <table class="table" id="in-progress-table">
      <thead>
        <tr><th scope="col">App. Ref.</th><th scope="col">Applicant</th><th scope="col">Type</th><th scope="col">Step Reached</th><th scope="col">Started By</th><th scope="col">Started</th></tr>
      </thead>
      <tbody>
<?cs each:a = InProgress ?>
        <tr>
          <td><a class="reference" href="<?cs var:Page.base ?>/applications/<?cs var:a.id ?>"><?cs var:a.reference ?></a></td>
          <td><a href="<?cs var:Page.base ?>/applications/<?cs var:a.id ?>"><?cs var:a.name ?></a></td>
          <td><?cs var:a.type ?></td>
          <td><?cs var:a.step ?></td>
          <td><?cs var:a.started_by ?></td>
          <td class="nowrap"><?cs var:a.started ?></td>
        </tr>
<?cs /each ?>
<?cs if:!?InProgress.0.id ?>
        <tr><td colspan="6" class="empty">No applications in progress. To start one, tick employees in <a href="<?cs var:Page.base ?>/employees/current">Current Employees</a>.</td></tr>
<?cs /if ?>
      </tbody>
    </table>
  </div>
<?cs call:pager(Page.InProgress, "in-progress") ?>
</section>

<section id="on-hold" aria-labelledby="on-hold-title">
  <h2 id="on-hold-title">Applications On Hold</h2>
  <div class="table-wrap">
    <table class="table" id="on-hold-table">
      <thead>
        <tr><th scope="col">App. Ref.</th><th scope="col">Applicant</th><th scope="col">Type</th><th scope="col">Reason</th></tr>
      </thead>
      <tbody>
<?cs each:a = OnHold ?>
        <tr>
          <td><a class="reference" href="<?cs var:Page.base ?>/applications/<?cs var:a.id ?>"><?cs var:a.reference ?></a></td>
          <td><?cs var:a.name ?></td>
          <td><?cs var:a.type ?></td>
          <td><span class="tag tag-amber">On hold</span> <?cs var:a.reason ?></td>
        </tr>
<?cs /each ?>
<?cs if:!?OnHold.0.id ?>
        <tr><td colspan="4" class="empty">No applications on hold.</td></tr>
<?cs /if ?>
      </tbody>
    </table>
  </div>
<?cs call:pager(Page.OnHold, "on-hold") ?>
</section>

<section id="finalised" aria-labelledby="finalised-title">
  <h2 id="finalised-title"><span id="finalised-count"><?cs if:Counts.finalised ?><?cs var:Counts.finalised ?><?cs else ?>0<?cs /if ?></span> Finalised Applications - Awaiting Ordering</h2>
  <form id="finalised-form" method="post" action="<?cs var:Page.base ?>/orders/add-applications">
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
<?cs if:?Finalised.0.id ?>
    <p class="hint">Tick the applications, then click <strong>ADD APPLICATIONS TO A PURCHASE</strong>. You will be prompted to add them to an existing order or create a new one.</p>
    <div class="actions actions-split">
      <button class="btn btn-primary" type="submit" id="add-to-purchase" formaction="<?cs var:Page.base ?>/orders/add-applications">ADD <?cs var:Counts.finalised ?> APPLICATIONS TO A PURCHASE</button>
      <button class="btn btn-warning" type="submit" id="unfinalise" formaction="<?cs var:Page.base ?>/applications/unfinalise">UNFINALISE <?cs var:Counts.finalised ?> APPLICATIONS</button>
    </div>
<?cs /if ?>
    <div class="table-wrap">
      <table class="table" id="finalised-table">
        <thead>
          <tr>
            <th scope="col" class="check"><span class="visually-hidden">Select</span></th>
            <th scope="col">App. Ref.</th>
            <th scope="col">Applicant</th>
            <th scope="col">Employed By</th>
            <th scope="col">In Group</th>
            <th scope="col">H&amp;S</th>
            <th scope="col">Photo</th>
            <th scope="col">Type</th>
            <th scope="col">Applying For Grade</th>
            <th scope="col">Applying For Occupation</th>
          </tr>
        </thead>
        <tbody>
<?cs each:f = Finalised ?><?cs if:?f.id ?>
          <tr>
            <td class="check"><input type="checkbox" id="pick-<?cs var:f.id ?>" name="id" value="<?cs var:f.id ?>"><label class="visually-hidden" for="pick-<?cs var:f.id ?>">Select application <?cs var:f.reference ?>, <?cs var:f.name ?></label></td>
            <td><a class="reference" href="<?cs var:Page.base ?>/applications/<?cs var:f.id ?>"><?cs var:f.reference ?></a></td>
            <td><?cs var:f.name ?><?cs if:f.note ?><br><span class="hint" id="note-<?cs var:f.id ?>">On hold once paid: <?cs var:f.note ?></span><?cs /if ?></td>
            <td><?cs var:f.employed_by ?></td>
            <td><?cs var:f.group ?></td>
            <td><span class="tag<?cs if:f.hse == "OK" ?> tag-green<?cs elif:f.hse == "None" ?> tag-grey<?cs else ?> tag-amber<?cs /if ?>"><?cs var:f.hse ?></span></td>
            <td><span class="tag<?cs if:f.photo == "OK" ?> tag-green<?cs else ?> tag-grey<?cs /if ?>"><?cs var:f.photo ?></span></td>
            <td><?cs var:f.type ?></td>
            <td><?cs var:f.grade ?></td>
            <td><?cs var:f.occupation ?></td>
          </tr>
<?cs /if ?><?cs /each ?>
<?cs if:!?Finalised.0.id ?>
          <tr><td colspan="10" class="empty">No finalised applications are awaiting ordering.</td></tr>
<?cs /if ?>
        </tbody>
      </table>
    </div>
<?cs call:pager(Page.Finalised, "finalised") ?>
  </form>
</section>
<?cs include:"layout/footer.cs" ?>
