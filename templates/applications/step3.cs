<?cs # Step 3 – Occupations & Grading (guide 1.3).
     Reads: App.id/reference/name/type, Steps.N.* (applications/steps.cs),
     CardTypes.N.id/name (select "card_type"), App.card_type_id,
     Occupations.N.id/name/discipline (select "occupation_id"),
     App.occupation_id, Grades.N.id/name (select "grade_id", absent when none
     apply), App.grade_id, Additional.N.id/name/checked (check boxes
     "additional"), Registered.date, Requirements.N.name/met (met 1 or 0),
     Endorse.qs_requested/qs/grading_needed/grading/can_qs/can_grading (check
     boxes qs, endorse_qs, endorse_grading),
     Form.card_type/occupation_id/grade_id/additional .value/.error (a select
     with a Form value keeps it, else shows the App value), Form.error,
     Session.csrf, Page.base.
     Form id="step3-form" (POST /applications/ID/step3). The CHANGE buttons
     submit the same form with change=card_type or change=occupation: the
     module shows step3.cs again (saving nothing) with the occupations
     and grades that now apply (no JavaScript). FINALISE & REVIEW > submits
     without "change". Tests: id="requirements". ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <p class="app-kicker">Card application<?cs if:App.reference ?> <span class="reference"><?cs var:App.reference ?></span><?cs /if ?></p>
  <h1>Step 3 – Occupations &amp; Grading</h1>
  <p class="lead"><strong><?cs var:App.name ?></strong><?cs if:App.type ?> &middot; <?cs var:App.type ?><?cs /if ?></p>
</div>
<?cs include:"applications/steps.cs" ?>
<?cs if:Form.error ?>
<div class="alert" role="alert" id="form-error">
  <p><?cs var:Form.error ?></p>
</div>
<?cs /if ?>
<section class="panel" id="grading" aria-labelledby="grading-title">
  <h2 id="grading-title">Occupational Definitions &amp; Grading</h2>
  <p class="hint">Choose the card type, then the <strong>Main Occupation</strong>. If there is an option to select the <strong>Grade</strong>, select the correct grading and add any <strong>Additional Occupations</strong>.</p>
  <form class="form form-wide" id="step3-form" method="post" action="<?cs var:Page.base ?>/applications/<?cs var:App.id ?>/step3" novalidate>
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <div class="field<?cs if:Form.card_type.error ?> field-invalid<?cs /if ?>">
      <label for="card_type">Card Type</label>
<?cs if:Form.card_type.error ?>
      <p class="field-error" id="card_type-error"><span class="visually-hidden">Error: </span><?cs var:Form.card_type.error ?></p>
<?cs /if ?>
      <div class="select-change">
        <select class="select" id="card_type" name="card_type" required<?cs if:Form.card_type.error ?>
                aria-invalid="true" aria-describedby="card_type-error"<?cs /if ?>>
          <option value="">Choose a card type</option>
<?cs each:c = CardTypes ?>
          <option value="<?cs var:c.id ?>"<?cs if:?Form.card_type.value ?><?cs if:c.id == Form.card_type.value ?> selected<?cs /if ?><?cs elif:c.id == App.card_type_id ?> selected<?cs /if ?>><?cs var:c.name ?></option>
<?cs /each ?>
        </select>
        <button class="btn btn-secondary btn-small" type="submit" name="change" value="card_type">CHANGE<span class="visually-hidden"> card type and show its occupations</span></button>
      </div>
    </div>
    <div class="field<?cs if:Form.occupation_id.error ?> field-invalid<?cs /if ?>">
      <label for="occupation_id">Main Occupation</label>
<?cs if:Form.occupation_id.error ?>
      <p class="field-error" id="occupation_id-error"><span class="visually-hidden">Error: </span><?cs var:Form.occupation_id.error ?></p>
<?cs /if ?>
      <div class="select-change">
        <select class="select" id="occupation_id" name="occupation_id" required<?cs if:Form.occupation_id.error ?>
                aria-invalid="true" aria-describedby="occupation_id-error"<?cs /if ?>>
          <option value="">Choose the main occupation</option>
<?cs each:o = Occupations ?>
          <option value="<?cs var:o.id ?>"<?cs if:?Form.occupation_id.value ?><?cs if:o.id == Form.occupation_id.value ?> selected<?cs /if ?><?cs elif:o.id == App.occupation_id ?> selected<?cs /if ?>><?cs var:o.name ?><?cs if:o.discipline ?> (<?cs var:o.discipline ?>)<?cs /if ?></option>
<?cs /each ?>
        </select>
        <button class="btn btn-secondary btn-small" type="submit" name="change" value="occupation">CHANGE<span class="visually-hidden"> main occupation and show its grades</span></button>
      </div>
    </div>
<?cs if:?Grades.0.id ?>
    <div class="field<?cs if:Form.grade_id.error ?> field-invalid<?cs /if ?>">
      <label for="grade_id">Grade</label>
<?cs if:Form.grade_id.error ?>
      <p class="field-error" id="grade_id-error"><span class="visually-hidden">Error: </span><?cs var:Form.grade_id.error ?></p>
<?cs /if ?>
      <select class="select input-medium" id="grade_id" name="grade_id" required<?cs if:Form.grade_id.error ?>
              aria-invalid="true" aria-describedby="grade_id-error"<?cs /if ?>>
        <option value="">Choose the grade</option>
<?cs each:g = Grades ?>
        <option value="<?cs var:g.id ?>"<?cs if:?Form.grade_id.value ?><?cs if:g.id == Form.grade_id.value ?> selected<?cs /if ?><?cs elif:g.id == App.grade_id ?> selected<?cs /if ?>><?cs var:g.name ?></option>
<?cs /each ?>
      </select>
    </div>
<?cs /if ?>
    <dl class="summary-list" id="registered">
      <dt>ECS Registered Electrician Scheme</dt>
      <dd><?cs if:Registered.date ?>You registered for the ECS Registered Electrician Scheme on <?cs var:Registered.date ?><?cs else ?>Not registered<?cs /if ?></dd>
    </dl>
    <fieldset class="fieldset<?cs if:Form.additional.error ?> field-invalid<?cs /if ?>" id="additional"<?cs if:Form.additional.error ?> aria-describedby="additional-error"<?cs /if ?>>
      <legend>Additional Occupations</legend>
<?cs if:Form.additional.error ?>
      <p class="field-error" id="additional-error"><span class="visually-hidden">Error: </span><?cs var:Form.additional.error ?></p>
<?cs /if ?>
<?cs each:a = Additional ?>
      <div class="checkbox">
        <input type="checkbox" id="additional-<?cs var:a.id ?>" name="additional" value="<?cs var:a.id ?>"<?cs if:a.checked ?> checked<?cs /if ?>>
        <label for="additional-<?cs var:a.id ?>"><?cs var:a.name ?></label>
      </div>
<?cs /each ?>
<?cs if:!?Additional.0.id ?>
      <p class="empty-inline">None</p>
<?cs /if ?>
    </fieldset>
    <fieldset class="fieldset" id="endorsements">
      <legend>Endorsements</legend>
      <div class="checkbox">
        <input type="checkbox" id="qs" name="qs" value="yes"<?cs if:Endorse.qs_requested ?> checked<?cs /if ?>>
        <label for="qs">Apply for qualified supervisor (QS) status</label>
      </div>
<?cs if:Endorse.can_qs ?>
      <div class="checkbox">
        <input type="checkbox" id="endorse_qs" name="endorse_qs" value="yes"<?cs if:Endorse.qs ?> checked<?cs /if ?>>
        <label for="endorse_qs">I endorse the qualified supervisor status</label>
      </div>
<?cs elif:Endorse.qs_requested && !Endorse.qs ?>
      <p class="hint">The qualified supervisor status needs the endorsement of a user who may give it.</p>
<?cs /if ?>
<?cs if:Endorse.grading_needed ?>
<?cs if:Endorse.can_grading ?>
      <div class="checkbox">
        <input type="checkbox" id="endorse_grading" name="endorse_grading" value="yes"<?cs if:Endorse.grading ?> checked<?cs /if ?>>
        <label for="endorse_grading">I endorse this change in grading</label>
      </div>
<?cs elif:!Endorse.grading ?>
      <p class="hint" id="grading-endorsement-needed">This grade differs from the operative's current card: the change in grading needs the endorsement of a user who may give it.</p>
<?cs /if ?>
<?cs /if ?>
    </fieldset>
    <div class="actions actions-split">
      <a class="btn btn-plain" href="<?cs var:Page.base ?>/applications/<?cs var:App.id ?>/step2"><span aria-hidden="true">&lt; </span>Previous step</a>
      <button class="btn btn-primary" type="submit">FINALISE &amp; REVIEW &gt;</button>
    </div>
  </form>
  <p class="hint" id="how-to-video">You can also watch the video on how to start your employees' ECS Card Applications: <a href="https://www.ecscard.org.uk" rel="noopener noreferrer">ECS Employer Portal | Electrotechnical Certification Scheme (ecscard.org.uk)</a>.</p>
</section>
<section class="panel panel-tint" id="requirements" aria-labelledby="requirements-title">
  <h2 id="requirements-title">What this application needs</h2>
<?cs if:?Requirements.0.name ?>
  <ul class="requirement-list">
<?cs each:q = Requirements ?>
    <li class="requirement"><span class="tag<?cs if:q.met ?> tag-green<?cs else ?> tag-amber<?cs /if ?>"><?cs if:q.met ?>Met<?cs else ?>Not met<?cs /if ?></span> <?cs var:q.name ?></li>
<?cs /each ?>
  </ul>
<?cs else ?>
  <p class="hint">Choose a main occupation to see what it requires.</p>
<?cs /if ?>
</section>
<?cs include:"layout/footer.cs" ?>
