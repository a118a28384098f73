<?cs # The Contracts tab's lists: Contracts Being Set Up (with the invitations
     waiting for this company's answer), Contracts in Progress, Contracts
     Completed. Reads: Page.title, List.kind (setup, progress, completed),
     List.lead, List.next, Contracts.N.id/name/reference/site/starts/ends/client/
     role, Invitations.N.* (the same), Can.create, Can.answer, Session.csrf.
     Tests: id="contracts-table", id="invitations", id="invitation-N",
     id="accept-N", id="decline-N", id="older". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1><?cs var:Page.title ?></h1>
  <p class="lead"><?cs var:List.lead ?></p>
<?cs if:Can.create ?>  <p class="actions"><a class="btn btn-secondary" href="<?cs var:Page.base ?>/contracts/new" id="new-contract">Create New Contract</a></p><?cs /if ?>
</div>
<?cs if:?Invitations.0.id ?>
<section class="panel panel-tint" id="invitations" aria-labelledby="invitations-title">
  <h2 id="invitations-title">Invitations to work as a subcontractor</h2>
<?cs each:i = Invitations ?>
  <div class="row-message" id="invitation-<?cs var:i.id ?>">
    <p><strong><?cs var:i.client ?></strong> invites your company to work on <strong><?cs var:i.name ?></strong><?cs if:i.reference ?> (<?cs var:i.reference ?>)<?cs /if ?>, <?cs var:i.site ?>, from <?cs var:i.starts ?> to <?cs var:i.ends ?>.</p>
<?cs if:Can.answer ?>
    <div class="actions">
      <form method="post" action="<?cs var:Page.base ?>/contracts/<?cs var:i.id ?>/accept">
        <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
        <button class="btn btn-primary btn-small" type="submit" id="accept-<?cs var:i.id ?>">ACCEPT</button>
      </form>
      <form method="post" action="<?cs var:Page.base ?>/contracts/<?cs var:i.id ?>/decline">
        <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
        <button class="btn btn-warning btn-small" type="submit" id="decline-<?cs var:i.id ?>">DECLINE</button>
      </form>
    </div>
<?cs else ?>
    <p class="hint">A company-level user with Can Add Subcontractors can accept or decline it.</p>
<?cs /if ?>
  </div>
<?cs /each ?>
</section>
<?cs /if ?>
<div class="table-wrap">
  <table class="table" id="contracts-table">
    <caption class="visually-hidden"><?cs var:Page.title ?></caption>
    <thead>
      <tr><th scope="col">Contract</th><th scope="col">Client reference</th><th scope="col">Client</th><th scope="col">Your role</th><th scope="col">Site</th><th scope="col">Start</th><th scope="col">End</th></tr>
    </thead>
    <tbody>
<?cs each:c = Contracts ?>
      <tr id="contract-<?cs var:c.id ?>">
        <td><a href="<?cs var:Page.base ?>/contracts/<?cs var:c.id ?>"><?cs var:c.name ?></a></td>
        <td><?cs var:c.reference ?></td>
        <td><?cs var:c.client ?></td>
        <td><?cs if:c.role == "client" ?>Client<?cs else ?>Subcontractor<?cs /if ?></td>
        <td><?cs var:c.site ?></td>
        <td class="nowrap"><?cs var:c.starts ?></td>
        <td class="nowrap"><?cs var:c.ends ?></td>
      </tr>
<?cs /each ?>
<?cs if:!?Contracts.0.id ?>
      <tr><td colspan="7" class="empty">No contracts here.</td></tr>
<?cs /if ?>
    </tbody>
  </table>
</div>
<?cs if:List.next ?><p><a class="btn btn-plain" href="<?cs var:Page.base ?>/contracts/<?cs var:List.kind ?>?before=<?cs var:List.next ?>" id="older">Older contracts</a></p><?cs /if ?>
<?cs include:"layout/footer.cs" ?>
