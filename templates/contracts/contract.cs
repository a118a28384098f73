<?cs # A contract's page (Can View Contract Details): details, what cards count,
     the compliance of the workers the user may see, the subcontractors (client
     only) with the invitation form, and the workers with their verdicts.
     Reads: Contract.id/name/site/reference/starts/ends/min_days/client/
     client_number/created/state/state_label/role, Requirements.N.name/kind,
     Subcontractors.N.name/number/state/answered, Compliance.total/valid/
     expiring/expired/wrong_type/none/percent, Workers.N.id/name/company/
     card_number/card_type/occupation/expires/hse/verdict/verdict_label/
     can_remove, List.next, Can.start/close/invite/workers, Form.company.*,
     Form.employee.*, Session.csrf. Tests: id="contract-state",
     id="compliance-percent", id="workers", id="worker-N", id="verdict-N",
     id="subcontractors", id="invite-form", id="worker-form", id="start",
     id="close" (in id="close-form", with its box id="close-confirm"), id="export", id="next-page". ?><?cs include:"layout/header.cs" ?>
<?cs # cbutton(action, class, label): a one-button form posting to /contracts/ID/ACTION. ?>
<?cs def:cbutton(action, class, label) ?>
    <form method="post" action="<?cs var:Page.base ?>/contracts/<?cs var:Contract.id ?>/<?cs var:action ?>">
      <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
      <button class="btn <?cs var:class ?> btn-small" type="submit" id="<?cs var:action ?>"><?cs var:label ?></button>
    </form>
<?cs /def ?>
<div class="page-header">
  <h1><?cs var:Contract.name ?></h1>
  <p class="lead"><span class="tag <?cs if:Contract.state == "completed" ?>tag-grey<?cs elif:Contract.state == "in_progress" ?>tag-green<?cs else ?>tag-amber<?cs /if ?>" id="contract-state"><?cs var:Contract.state_label ?></span>
  <?cs if:Contract.role == "client" ?>Your company is the client.<?cs else ?>Your company is a subcontractor of <?cs var:Contract.client ?>.<?cs /if ?></p>
</div>
<dl class="summary-list panel" id="contract-details">
  <dt>Client</dt><dd><?cs var:Contract.client ?> (<?cs var:Contract.client_number ?>)</dd>
  <dt>Client reference</dt><dd><?cs var:Contract.reference ?></dd>
  <dt>Site address</dt><dd><?cs var:Contract.site ?></dd>
  <dt>Dates</dt><dd><?cs var:Contract.starts ?> to <?cs var:Contract.ends ?></dd>
  <dt>Cards accepted</dt><dd id="requirements"><?cs each:q = Requirements ?><?cs if:name(q) != "0" ?>; <?cs /if ?><?cs if:q.kind == "occupation" ?>Occupation: <?cs else ?>Card type: <?cs /if ?><?cs var:q.name ?><?cs /each ?><?cs if:!?Requirements.0.name ?>Any ECS card<?cs /if ?></dd>
  <dt>Minimum validity left</dt><dd><?cs var:Contract.min_days ?> days</dd>
</dl>
<section class="panel" id="compliance" aria-labelledby="compliance-title">
  <h2 id="compliance-title">Compliance today</h2>
<?cs if:Compliance.total > 0 ?>
  <p><strong id="compliance-percent"><?cs var:Compliance.percent ?>%</strong> of <?cs var:Compliance.total ?> <?cs if:Compliance.total == 1 ?>worker holds<?cs else ?>workers hold<?cs /if ?> a valid card of the right kind with at least <?cs var:Contract.min_days ?> days left.</p>
  <p class="hint" id="compliance-counts">Valid <?cs var:Compliance.valid ?>, expiring <?cs var:Compliance.expiring ?>, expired <?cs var:Compliance.expired ?>, wrong card type <?cs var:Compliance.wrong_type ?>, no card <?cs var:Compliance.none ?>.</p>
<?cs else ?>
  <p class="empty-inline" id="compliance-none">No workers on this contract yet.</p>
<?cs /if ?>
  <div class="actions" id="contract-actions">
    <a class="btn btn-secondary btn-small" href="<?cs var:Page.base ?>/contracts/<?cs var:Contract.id ?>/export" id="export">EXPORT CSV</a>
<?cs if:Can.start ?><?cs call:cbutton("start", "btn-primary", "START CONTRACT") ?><?cs /if ?>
<?cs if:Can.close ?>
    <form method="post" action="<?cs var:Page.base ?>/contracts/<?cs var:Contract.id ?>/close" id="close-form">
      <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
      <label class="checkbox"><input type="checkbox" name="confirm" value="yes" id="close-confirm" required> I am closing this contract: once completed, it cannot be changed or reopened</label>
      <button class="btn btn-warning btn-small" type="submit" id="close">CLOSE CONTRACT</button>
    </form>
<?cs /if ?>
  </div>
</section>
<?cs if:Contract.role == "client" ?>
<section aria-labelledby="subcontractors-title">
  <h2 id="subcontractors-title">Subcontractors</h2>
  <div class="table-wrap">
    <table class="table" id="subcontractors">
      <thead><tr><th scope="col">Company</th><th scope="col">Company number</th><th scope="col">Invitation</th></tr></thead>
      <tbody>
<?cs each:s = Subcontractors ?>
        <tr><td><?cs var:s.name ?></td><td><?cs var:s.number ?></td><td><?cs if:s.state == "accepted" ?>Accepted <?cs var:s.answered ?><?cs elif:s.state == "declined" ?>Declined <?cs var:s.answered ?><?cs else ?>Waiting for an answer<?cs /if ?></td></tr>
<?cs /each ?>
<?cs if:!?Subcontractors.0.name ?>
        <tr><td colspan="3" class="empty">No subcontractors invited yet.</td></tr>
<?cs /if ?>
      </tbody>
    </table>
  </div>
<?cs if:Can.invite ?>
  <form class="form panel" id="invite-form" method="post" action="<?cs var:Page.base ?>/contracts/<?cs var:Contract.id ?>/invite" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <div class="field<?cs if:Form.company.error ?> field-invalid<?cs /if ?>">
      <label for="company">Invite a subcontractor: its exact company name or company number</label>
<?cs if:Form.company.error ?>      <p class="field-error" id="company-error"><span class="visually-hidden">Error: </span><?cs var:Form.company.error ?></p><?cs /if ?>
      <input class="input" type="text" id="company" name="company" value="<?cs var:Form.company.value ?>" autocomplete="off"<?cs if:Form.company.error ?> aria-invalid="true" aria-describedby="company-error"<?cs /if ?>>
    </div>
    <div class="actions"><button class="btn btn-secondary" type="submit" id="invite">INVITE SUBCONTRACTOR</button></div>
  </form>
<?cs /if ?>
</section>
<?cs /if ?>
<section aria-labelledby="workers-title">
  <h2 id="workers-title">Workers</h2>
<?cs if:Can.workers ?>
  <form class="form panel" id="worker-form" method="post" action="<?cs var:Page.base ?>/contracts/<?cs var:Contract.id ?>/workers" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <div class="field<?cs if:Form.employee.error ?> field-invalid<?cs /if ?>">
      <label for="employee">Add one of your employees: NI number or ECS card number</label>
<?cs if:Form.employee.error ?>      <p class="field-error" id="employee-error"><span class="visually-hidden">Error: </span><?cs var:Form.employee.error ?></p><?cs /if ?>
      <input class="input input-medium" type="text" id="employee" name="employee" value="<?cs var:Form.employee.value ?>" autocomplete="off" spellcheck="false"<?cs if:Form.employee.error ?> aria-invalid="true" aria-describedby="employee-error"<?cs /if ?>>
    </div>
    <div class="actions"><button class="btn btn-secondary" type="submit" id="add-worker">ADD WORKER</button></div>
  </form>
<?cs /if ?>
  <div class="table-wrap">
    <table class="table" id="workers">
      <caption class="visually-hidden">Workers on this contract</caption>
      <thead>
        <tr><th scope="col">Worker</th><th scope="col">Company</th><th scope="col">Card No.</th><th scope="col">Card type</th><th scope="col">Occupation</th><th scope="col">Card expiry</th><th scope="col">HS&amp;E</th><th scope="col">Compliance</th><?cs if:Can.workers ?><th scope="col"><span class="visually-hidden">Remove</span></th><?cs /if ?></tr>
      </thead>
      <tbody>
<?cs each:w = Workers ?>
        <tr id="worker-<?cs var:w.id ?>">
          <td><?cs var:w.name ?></td>
          <td><?cs var:w.company ?></td>
          <td class="nowrap"><?cs var:w.card_number ?></td>
          <td><?cs var:w.card_type ?></td>
          <td><?cs var:w.occupation ?></td>
          <td class="nowrap"><?cs var:w.expires ?></td>
          <td><?cs var:w.hse ?></td>
          <td><span class="tag <?cs if:w.verdict == "valid" ?>tag-green<?cs elif:w.verdict == "expiring" ?>tag-amber<?cs else ?>tag-red<?cs /if ?>" id="verdict-<?cs var:w.id ?>"><?cs var:w.verdict_label ?></span></td>
<?cs if:Can.workers ?>
          <td><?cs if:w.can_remove ?><form method="post" action="<?cs var:Page.base ?>/contracts/<?cs var:Contract.id ?>/workers/<?cs var:w.id ?>/remove">
            <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
            <button class="btn btn-plain btn-small" type="submit" id="remove-<?cs var:w.id ?>">REMOVE<span class="visually-hidden"> <?cs var:w.name ?> from this contract</span></button>
          </form><?cs /if ?></td>
<?cs /if ?>
        </tr>
<?cs /each ?>
<?cs if:!?Workers.0.id ?>
        <tr><td colspan="9" class="empty">No workers you can see on this contract yet.</td></tr>
<?cs /if ?>
      </tbody>
    </table>
  </div>
<?cs if:List.next ?>  <p><a class="btn btn-plain" href="<?cs var:Page.base ?>/contracts/<?cs var:Contract.id ?>?after=<?cs var:List.next ?>" id="next-page">More workers</a></p><?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
