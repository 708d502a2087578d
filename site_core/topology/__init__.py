"""The production topology as parts of the project: nginx's configuration rendered from the
settings (nginx.py, `manage.py nginx_config`) and one command that runs nginx, gunicorn, the
task worker and the scheduler together (processes.py, `manage.py run_topology`,
`make topology`). docs/production.md, "The front proxy (nginx)" and "Running the topology"."""
