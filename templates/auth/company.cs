<?cs # Choose a company: for a user of several (after sign-in, or from My account). Reads:
     Companies.N.id/name/level/current, Form.error, Session.csrf. Tests: id="company-list",
     id="company-N" (one form a company), id="form-error". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Choose a company</h1>
  <p class="lead">You are a user of more than one company. Choose the company you are acting for; you can change it at any time from My account.</p>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>
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
