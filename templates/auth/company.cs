<?cs # Your companies: a user of several chooses the one they act for, and answers the
     invitations of companies that added their account (after sign-in, or from My account).
     Reads: Companies.N.id/name/level/current, Invitations.N.id/name/level, Form.error,
     Session.csrf. Tests: id="company-list", id="company-N" (one form a company),
     id="invitations", id="accept-N", id="decline-N", id="form-error". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Your companies</h1>
  <p class="lead">You can be a user of more than one company on the portal. Choose the company you are acting for; you can change it at any time from My account.</p>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>
<?cs if:?Invitations.0.id ?>
<section class="panel" id="invitations" aria-labelledby="invitations-title">
  <h2 id="invitations-title">Invitations</h2>
  <p class="hint">These companies have asked you to be one of their users on the portal. Accept only a company you work for: its administrators will see your name and email and what you do for it.</p>
  <ul class="company-list">
<?cs each:c = Invitations ?>
    <li>
      <form method="post" action="<?cs var:Page.base ?>/company/accept">
        <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
        <input type="hidden" name="company" value="<?cs var:c.id ?>">
        <strong><?cs var:c.name ?></strong> <span class="tag"><?cs var:c.level ?></span>
        <button class="btn btn-primary" type="submit" id="accept-<?cs var:c.id ?>">ACCEPT</button>
        <button class="btn btn-secondary" type="submit" id="decline-<?cs var:c.id ?>" formaction="<?cs var:Page.base ?>/company/decline">DECLINE</button>
      </form>
    </li>
<?cs /each ?>
  </ul>
</section>
<?cs /if ?>
<ul class="company-list" id="company-list">
<?cs each:c = Companies ?>
  <li>
    <form id="company-<?cs var:c.id ?>" method="post" action="<?cs var:Page.base ?>/company">
      <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
      <input type="hidden" name="company" value="<?cs var:c.id ?>">
      <strong><?cs var:c.name ?></strong> <span class="tag"><?cs var:c.level ?></span>
<?cs if:c.current ?>
      <span class="tag tag-grey">Acting for now</span> <button class="btn btn-primary" type="submit">CONTINUE</button>
<?cs else ?>
      <button class="btn btn-secondary" type="submit">ACT FOR THIS COMPANY</button>
<?cs /if ?>
    </form>
  </li>
<?cs /each ?>
</ul>
<?cs include:"layout/footer.cs" ?>
