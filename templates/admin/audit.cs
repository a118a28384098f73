<?cs # The company's audit log, newest first. Reads: Log.N.id/at/user/email/ip/action/kind/object/
     detail, Users.N.id/name, Actions.N.action/label, Form.user/action/from/to .value/.error,
     List.next (the next page's URL). Tests: id="audit-table", id="audit-filter", id="next-page". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Audit log</h1>
  <p class="lead">Who did what in your company's account, and when (times in UTC). Passwords,
  tokens and National Insurance numbers are never recorded.</p>
</div>
<form class="form filters" id="audit-filter" method="get" action="<?cs var:Page.base ?>/admin/audit">
  <div class="form-grid">
    <div class="field"><label for="user">User</label>
      <select class="select" id="user" name="user">
        <option value="">Everyone</option>
<?cs each:u = Users ?>
        <option value="<?cs var:u.id ?>"<?cs if:Form.user.value == u.id ?> selected<?cs /if ?>><?cs var:u.name ?></option>
<?cs /each ?>
      </select></div>
    <div class="field"><label for="action">Action</label>
      <select class="select" id="action" name="action">
        <option value="">Every action</option>
<?cs each:a = Actions ?>
        <option value="<?cs var:a.action ?>"<?cs if:Form.action.value == a.action ?> selected<?cs /if ?>><?cs var:a.label ?></option>
<?cs /each ?>
      </select></div>
    <div class="field<?cs if:Form.from.error ?> field-invalid<?cs /if ?>"><label for="from">From (dd/mm/yyyy)</label>
<?cs if:Form.from.error ?><p class="field-error" id="from-error"><?cs var:Form.from.error ?></p><?cs /if ?>
      <input class="input input-short" type="text" id="from" name="from" value="<?cs var:Form.from.value ?>"></div>
    <div class="field<?cs if:Form.to.error ?> field-invalid<?cs /if ?>"><label for="to">To (dd/mm/yyyy)</label>
<?cs if:Form.to.error ?><p class="field-error" id="to-error"><?cs var:Form.to.error ?></p><?cs /if ?>
      <input class="input input-short" type="text" id="to" name="to" value="<?cs var:Form.to.value ?>"></div>
  </div>
  <p class="actions"><button class="btn btn-secondary" type="submit">Show</button></p>
</form>
<div class="table-wrap">
  <table class="table" id="audit-table">
    <thead><tr><th scope="col">When (UTC)</th><th scope="col">User</th><th scope="col">Address</th><th scope="col">Action</th><th scope="col">Object</th><th scope="col">Detail</th></tr></thead>
    <tbody>
<?cs each:l = Log ?>
      <tr><td class="nowrap"><?cs var:l.at ?></td><td><?cs var:l.user ?><?cs if:l.email ?><br><span class="hint"><?cs var:l.email ?></span><?cs /if ?></td><td><?cs var:l.ip ?></td><td><?cs var:l.action ?></td><td><?cs var:l.kind ?> <?cs var:l.object ?></td><td><?cs var:l.detail ?></td></tr>
<?cs /each ?>
<?cs if:!?Log.0.id ?>
      <tr><td colspan="6" class="empty">Nothing recorded for this choice.</td></tr>
<?cs /if ?>
    </tbody>
  </table>
</div>
<?cs if:List.next ?><p><a id="next-page" href="<?cs var:List.next ?>">Older entries</a></p><?cs /if ?>
<?cs include:"layout/footer.cs" ?>
