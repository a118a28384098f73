<?cs # Administration -> Administer Groups: the company's groups and their offices.
     Reads: Groups.N.id/name/status, Offices.N.id/name/status/group_id/town/postcode/phone/email,
     Ungrouped.N.id/name/status (offices directly under the company),
     Can.groups (create, rename, close, delete groups), Can.offices (add, edit, close,
     delete offices), Form.error, Flash, Session.csrf. Tests: id="structure",
     id="new-group-form", id="new-office-form". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Administer Groups</h1>
  <p class="lead">Your company's structure: its groups and the offices in them. Offices carry the
  addresses and contacts that orders bill and deliver to.</p>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>

<section id="structure">
<?cs each:g = Groups ?>
  <section class="panel" id="group-<?cs var:g.id ?>">
    <h2><?cs var:g.name ?><?cs if:g.status == "closed" ?> <span class="tag tag-grey">Closed</span><?cs /if ?></h2>
    <div class="table-wrap">
      <table class="table">
        <thead><tr><th scope="col">Office</th><th scope="col">Town</th><th scope="col">Postcode</th><th scope="col">Phone</th><th scope="col">Email</th><th scope="col">Status</th></tr></thead>
        <tbody>
<?cs each:o = Offices ?><?cs if:o.group_id == g.id ?>
          <tr><td><a href="<?cs var:Page.base ?>/admin/offices/<?cs var:o.id ?>"><?cs var:o.name ?></a></td><td><?cs var:o.town ?></td><td><?cs var:o.postcode ?></td><td><?cs var:o.phone ?></td><td><?cs var:o.email ?></td><td><?cs if:o.status == "closed" ?>Closed<?cs else ?>Open<?cs /if ?></td></tr>
<?cs /if ?><?cs /each ?>
        </tbody>
      </table>
    </div>
<?cs if:Can.groups ?>
    <form class="form form-inline" method="post" action="<?cs var:Page.base ?>/admin/groups/<?cs var:g.id ?>/rename">
      <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
      <label for="rename-<?cs var:g.id ?>">Rename the group</label>
      <input class="input input-medium" type="text" id="rename-<?cs var:g.id ?>" name="name" value="<?cs var:g.name ?>" maxlength="100" required>
      <button class="btn btn-secondary btn-small" type="submit">RENAME<span class="visually-hidden"> the group <?cs var:g.name ?></span></button>
    </form>
    <div class="actions">
      <form method="post" action="<?cs var:Page.base ?>/admin/groups/<?cs var:g.id ?>/close"><input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>"><button class="btn btn-plain btn-small" type="submit"><?cs if:g.status == "closed" ?>OPEN THE GROUP AGAIN<?cs else ?>CLOSE THE GROUP<?cs /if ?><span class="visually-hidden"> <?cs var:g.name ?></span></button></form>
      <form method="post" action="<?cs var:Page.base ?>/admin/groups/<?cs var:g.id ?>/delete"><input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>"><button class="btn btn-warning btn-small" type="submit">DELETE THE GROUP<span class="visually-hidden"> <?cs var:g.name ?></span></button></form>
    </div>
<?cs /if ?>
  </section>
<?cs /each ?>
<?cs if:?Ungrouped.0.id ?>
  <section class="panel" id="no-group">
    <h2>Offices directly under the company</h2>
    <ul class="plain-list">
<?cs each:o = Ungrouped ?>
      <li><a href="<?cs var:Page.base ?>/admin/offices/<?cs var:o.id ?>"><?cs var:o.name ?></a><?cs if:o.status == "closed" ?> <span class="tag tag-grey">Closed</span><?cs /if ?></li>
<?cs /each ?>
    </ul>
  </section>
<?cs /if ?>
</section>

<?cs if:Can.groups ?>
<section class="panel">
  <h2>Create a group</h2>
  <form class="form" id="new-group-form" method="post" action="<?cs var:Page.base ?>/admin/groups/new">
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <div class="field"><label for="group-name">Group name</label>
      <input class="input input-medium" type="text" id="group-name" name="name" maxlength="100" required></div>
    <p class="actions"><button class="btn btn-primary" type="submit">CREATE GROUP</button></p>
  </form>
</section>
<?cs /if ?>
<?cs if:Can.offices ?>
<section class="panel">
  <h2>Add an office</h2>
  <form class="form" id="new-office-form" method="post" action="<?cs var:Page.base ?>/admin/offices/new">
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <div class="field"><label for="office-name">Office name</label>
      <input class="input input-medium" type="text" id="office-name" name="name" maxlength="100" required></div>
    <div class="field"><label for="office-group">In group</label>
      <select class="select" id="office-group" name="group_id">
        <option value="0">Directly under the company</option>
<?cs each:g = Groups ?><?cs if:g.status == "open" ?>
        <option value="<?cs var:g.id ?>"><?cs var:g.name ?></option>
<?cs /if ?><?cs /each ?>
      </select></div>
    <p class="actions"><button class="btn btn-primary" type="submit">ADD OFFICE</button></p>
  </form>
</section>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
