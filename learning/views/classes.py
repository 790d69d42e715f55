"""Students join a class with its code, from the home page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from learning.teaching import classes
from learning.views.home import render_home


@login_required
@require_POST
def join(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("code", "")
    try:
        membership = classes.join_classroom(student=request.user, code=code)
    except classes.JoinError as error:
        return render_home(request, join_code=code, join_error=str(error), status=400)
    messages.success(request, f"You joined {membership.classroom.name}")
    return redirect("home")
