<?cs # One user: level and permissions (Can.change), remove (Can.remove), reset the password
     (Can.reset; Member.shared instead when they work for another company too, whose
     password this company may not reset); none of them on oneself (Member.self). Reads: Member.id/name/email/level_value/
     status/user_status/last_login/badges.N.name, Levels, Bundles, Others, Form.error,
     Session.csrf. Tests: id="user-form", id="remove-form", id="reset-form", id="shared-user". ?><?cs include:"layout/header.cs" ?><?cs include:"admin/perms-form.cs" ?>
<div class="page-header">
  <h1><?cs var:Member.name ?><?cs if:Member.status == "removed" ?> <span class="tag tag-grey">Removed</span><?cs elif:Member.status == "invited" ?> <span class="tag tag-amber">Invited</span><?cs /if ?></h1>
  <p class="lead"><?cs var:Member.email ?> &middot; last sign-in <?cs var:Member.last_login ?></p>
  <p><a href="<?cs var:Page.base ?>/admin/users">Back to Administer Users</a></p>
</div>
<?cs if:Form.error ?><div class="alert" role="alert" id="form-error"><?cs var:Form.error ?></div><?cs /if ?>
<p><?cs each:b = Member.badges ?><span class="tag"><?cs var:b.name ?></span> <?cs /each ?></p>
<?cs if:Member.status == "invited" ?>
<p class="hint" id="invited">Invited: this person becomes a user of your company, with the level and permissions given, when they accept the invitation at their next sign-in.</p>
<?cs /if ?>
<?cs if:Member.self ?>
<p class="hint">This is you: your own level and permissions are changed by another administrator. Your password and contact details are in <a href="<?cs var:Page.base ?>/account">My account</a>.</p>
<?cs elif:Member.status == "active" ?>
<?cs if:Can.change ?>
<form class="form panel" id="user-form" method="post" action="<?cs var:Page.base ?>/admin/users/<?cs var:Member.id ?>" novalidate>
  <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
<?cs call:levelselect(Member.level_value) ?>
<?cs call:permboxes() ?>
  <p class="actions"><button class="btn btn-primary" type="submit">SAVE</button></p>
</form>
<?cs /if ?>
<?cs if:Member.shared ?><p class="hint" id="shared-user"><?cs var:Member.shared ?></p><?cs /if ?>
<div class="actions">
<?cs if:Can.reset ?>
  <form id="reset-form" method="post" action="<?cs var:Page.base ?>/admin/users/<?cs var:Member.id ?>/reset"><input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>"><button class="btn btn-secondary" type="submit">RESET PASSWORD</button></form>
<?cs /if ?>
<?cs if:Can.remove ?>
  <form id="remove-form" method="post" action="<?cs var:Page.base ?>/admin/users/<?cs var:Member.id ?>/remove"><input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>"><button class="btn btn-warning" type="submit">REMOVE USER</button></form>
<?cs /if ?>
</div>
<?cs /if ?>
<?cs include:"layout/footer.cs" ?>
