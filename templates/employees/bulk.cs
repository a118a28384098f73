<?cs # Add employees in bulk: upload a CSV file (multipart POST to /employees/bulk,
     file field csv); the next page (bulk-review.cs) shows what will be added.
     Reads: Form.error, Form.csv.error (optional), Session.csrf, Page.base. ?><?cs include:"layout/header.cs" ?>
<div class="page-header">
  <h1>Add Employees in Bulk</h1>
  <p class="lead">Upload a CSV file to add many employees at once. Nothing is added until you have checked the rows and confirmed.</p>
</div>
<?cs if:Form.error ?>
<div class="alert" role="alert" id="form-error">
  <p><?cs var:Form.error ?></p>
</div>
<?cs /if ?>
<section class="panel" aria-labelledby="columns-title">
  <h2 id="columns-title">The CSV file</h2>
  <p>The first row is a header row naming the columns below; then one employee a line. Each
  employee is looked up like <a href="<?cs var:Page.base ?>/employees/add">Add New Employee</a>:
  the National Insurance number, the date of birth and at least one of the last name, ECS card
  number or H &amp; S assessment number must match an ECS record.</p>
  <div class="table-wrap">
    <table class="table" id="bulk-columns">
      <caption class="visually-hidden">Columns of the CSV file</caption>
      <thead><tr><th scope="col">Column</th><th scope="col">Contents</th><th scope="col">Required</th></tr></thead>
      <tbody>
        <tr><td><code>ni_number</code></td><td>National Insurance Number</td><td>Yes</td></tr>
        <tr><td><code>date_of_birth</code></td><td>Date of Birth, dd/mm/yyyy</td><td>Yes</td></tr>
        <tr><td><code>last_name</code></td><td>Last Name</td><td rowspan="3">At least one of the three</td></tr>
        <tr><td><code>card_number</code></td><td>ECS Card Number</td></tr>
        <tr><td><code>hse_number</code></td><td>H &amp; S Assessment Number</td></tr>
        <tr><td><code>office</code></td><td>The office they work from, named as on the portal</td><td>Yes</td></tr>
        <tr><td><code>started_on</code></td><td>The date they started work with you, dd/mm/yyyy</td><td>Yes</td></tr>
      </tbody>
    </table>
  </div>
  <p>For example:</p>
  <pre class="code-block">ni_number,date_of_birth,last_name,card_number,hse_number,office,started_on
AB123456C,31/03/1985,Jones,,,<?cs var:Example.name ?>,01/09/2025
CE654321A,14/11/1990,,1234567,,<?cs var:Example.name ?>,15/09/2025</pre>
</section>
<div class="panel panel-narrow">
  <form class="form" id="bulk-form" method="post" action="<?cs var:Page.base ?>/employees/bulk" enctype="multipart/form-data">
    <input type="hidden" name="_csrf" value="<?cs var:Session.csrf ?>">
    <div class="field<?cs if:Form.csv.error ?> field-invalid<?cs /if ?>">
      <label for="csv">CSV file</label>
      <span class="hint" id="csv-hint">A .csv file with a header row, as described above.</span>
<?cs if:Form.csv.error ?>
      <p class="field-error" id="csv-error"><span class="visually-hidden">Error: </span><?cs var:Form.csv.error ?></p>
<?cs /if ?>
      <input class="input input-file" type="file" id="csv" name="csv" accept=".csv,text/csv" required
             aria-describedby="csv-hint<?cs if:Form.csv.error ?> csv-error<?cs /if ?>"<?cs if:Form.csv.error ?> aria-invalid="true"<?cs /if ?>>
    </div>
    <div class="actions">
      <button class="btn btn-primary" type="submit">UPLOAD AND CHECK</button>
      <a href="<?cs var:Page.base ?>/employees/add">Add one employee instead</a>
    </div>
  </form>
</div>
<?cs include:"layout/footer.cs" ?>
