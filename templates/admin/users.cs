<?cs # Administration -> Administer Users: the users within the signed-in user's level.
     Reads: Users.N.id/name/email/level/last_login/status/badges.M.name/bundle, List.next,
     Can.add, Flash. Tests: id="users-table", id="add-user", id="next-page". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Administer Users</h1>
  <p class="lead">Individual users at any company level can be added and managed here.</p>
</div>
<?cs if:Can.add ?><p class="actions"><a class="btn btn-primary" id="add-user" href="<?cs var:Page.base ?>/admin/users/add">ADD USER</a></p><?cs /if ?>
<div class="table-wrap">
  <table class="table" id="users-table">
    <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Level</th><th scope="col">Permissions</th><th scope="col">Last sign-in</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Edit</span></th></tr></thead>
    <tbody>
<?cs each:u = Users ?>
      <tr data-user="<?cs var:u.id ?>"><td><?cs var:u.name ?></td><td><?cs var:u.email ?></td><td><?cs var:u.level ?></td>
        <td><?cs each:b = u.badges ?><span class="tag<?cs if:!b.bundle ?> tag-grey<?cs /if ?>"><?cs var:b.name ?></span> <?cs /each ?></td>
        <td><?cs var:u.last_login ?></td>
        <td><?cs if:u.status == "active" ?><span class="tag tag-green">Active</span><?cs elif:u.status == "locked" ?><span class="tag tag-amber">Locked</span><?cs elif:u.status == "invited" ?><span class="tag tag-amber">Invited</span><?cs else ?><span class="tag tag-grey">Removed</span><?cs /if ?></td>
        <td><a href="<?cs var:Page.base ?>/admin/users/<?cs var:u.id ?>">Edit<span class="visually-hidden"> <?cs var:u.name ?></span></a></td></tr>
<?cs /each ?>
<?cs if:!?Users.0.id ?>
      <tr><td class="empty" colspan="7">No users at your level.</td></tr>
<?cs /if ?>
    </tbody>
  </table>
</div>
<?cs if:List.next ?><p class="actions"><a class="btn btn-secondary" id="next-page" href="<?cs var:List.next ?>">Next page</a></p><?cs /if ?>
<?cs include:"layout/footer.cs" ?>
